// Per-language outlines of real snippets: the chain of symbols a line belongs to, the file's
// imports, and the names used on a line.
#include <algorithm>
#include <gtest/gtest.h>
#include <string>
#include <vigil/lang/outline.hpp>

namespace vigil::lang {
namespace {

struct Case {
    std::string grammar;
    std::string text;
    uint32_t line;                    // a line inside the innermost symbol
    std::string chain;                // what symbol_chain says for it
    std::vector<std::string> imports; // the imports' first words, in order
    std::vector<std::string> uses;    // names used on `line` (a subset, in order)
};

std::vector<std::string> first_words(const Outline& o) {
    std::vector<std::string> out;
    for (const auto& i : o.imports) {
        out.push_back(i.text.substr(0, i.text.find_first_of(" \t\n(")));
    }
    return out;
}

std::vector<std::string> names_on(const Outline& o, uint32_t line) {
    std::vector<std::string> out;
    for (const auto& u : o.uses) {
        if (u.line == line) {
            out.push_back(u.name);
        }
    }
    return out;
}

void check(const Case& c) {
    SCOPED_TRACE(c.grammar);
    Outline o = outline(c.grammar, c.text, {{c.line, c.line}});
    ASSERT_TRUE(o.parsed) << o.reason;
    EXPECT_EQ(symbol_chain(o, enclosing_symbols(o, c.line)), c.chain);
    EXPECT_EQ(first_words(o), c.imports);
    auto used = names_on(o, c.line);
    for (const auto& name : c.uses) {
        EXPECT_NE(std::find(used.begin(), used.end(), name), used.end())
            << name << " is not among the uses of line " << c.line;
    }
}

TEST(Outline, Python) {
    check(
        {"python",
         "import os\nfrom typing import Dict\n\n\nclass Store:\n    \"\"\"Keys to values.\"\"\"\n\n"
         "    def put(self, key, value):\n        validate(key)\n        self._data[key] = "
         "value\n\n"
         "\ndef validate(key):\n    if not key:\n        raise ValueError(\"empty key\")\n",
         9,
         "class Store > def put",
         {"import", "from"},
         {"validate"}});
}

TEST(Outline, PythonDecoratedMethod) {
    check({"python",
           "class Api:\n    @staticmethod\n    def get(path):\n        return fetch(path)\n",
           4,
           "class Api > def get",
           {},
           {"fetch", "path"}});
}

TEST(Outline, JavaScript) {
    check({"javascript",
           "import fs from 'fs';\nconst path = require('path');\n\nclass Cache {\n  get(key) {\n"
           "    return load(key);\n  }\n}\n\nconst load = (key) => fs.readFileSync(key);\n",
           6,
           "class Cache > method get",
           {"import", "const"},
           {"load", "key"}});
}

TEST(Outline, TypeScript) {
    check({"typescript",
           "import { Db } from './db';\n\nexport interface Row { id: number }\n\nexport class Repo "
           "{\n"
           "  find(id: number): Row {\n    return this.db.get(id);\n  }\n}\n",
           7,
           "class Repo > method find",
           {"import"},
           {"db", "get"}});
}

TEST(Outline, Tsx) {
    check({"tsx",
           "import React from 'react';\n\nexport function Button(props: Props) {\n"
           "  return <button onClick={props.onClick}>{label(props)}</button>;\n}\n",
           4,
           "function Button",
           {"import"},
           {"label"}});
}

TEST(Outline, Go) {
    check({"go",
           "package store\n\nimport (\n\t\"errors\"\n\t\"sync\"\n)\n\ntype Store struct {\n\tmu "
           "sync.Mutex\n}\n\n"
           "func (s *Store) Put(key string) error {\n\tif key == \"\" {\n\t\treturn "
           "errors.New(\"empty\")\n"
           "\t}\n\treturn nil\n}\n",
           14,
           "func Put",
           {"package", "import"},
           {"errors", "New"}});
}

TEST(Outline, Rust) {
    check({"rust",
           "use std::collections::HashMap;\n\npub struct Store {\n    map: HashMap<String, "
           "u32>,\n}\n\n"
           "impl Store {\n    pub fn put(&mut self, key: String) {\n        self.map.insert(key, "
           "checked(1));\n"
           "    }\n}\n\nfn checked(v: u32) -> u32 { v }\n",
           9,
           "impl Store > fn put",
           {"use"},
           {"checked", "insert"}});
}

TEST(Outline, RustTraitImpl) {
    check({"rust",
           "impl fmt::Display for Store {\n    fn fmt(&self, f: &mut fmt::Formatter) -> "
           "fmt::Result {\n"
           "        write!(f, \"store\")\n    }\n}\n",
           3,
           "impl fmt::Display for Store > fn fmt",
           {},
           {}});
}

TEST(Outline, C) {
    check({"c",
           "#include <stdio.h>\n#include \"store.h\"\n\nstruct store {\n    int size;\n};\n\n"
           "static int *store_get(struct store *s, int key)\n{\n    return lookup(s, key);\n}\n",
           10,
           "function store_get",
           {"#include", "#include"},
           {"lookup"}});
}

TEST(Outline, Cpp) {
    check({"cpp",
           "#include <string>\n\nnamespace app {\n\nclass Store {\npublic:\n    void put(const "
           "std::string& k) {\n"
           "        check(k);\n    }\n};\n\nvoid Store::get() const { check(\"x\"); }\n\n} // "
           "namespace app\n",
           8,
           "namespace app > class Store > function put",
           {"#include"},
           {"check"}});
}

TEST(Outline, CppQualifiedDefinition) {
    check({"cpp",
           "namespace app {\nint Store::size() const {\n    return count();\n}\n}\n",
           3,
           "namespace app > function Store::size",
           {},
           {"count"}});
}

TEST(Outline, Java) {
    check({"java",
           "package app;\n\nimport java.util.Map;\n\npublic class Store {\n    public void "
           "put(String key) {\n"
           "        validate(key);\n    }\n\n    private static void validate(String key) {}\n}\n",
           7,
           "class Store > method put",
           {"package", "import"},
           {"validate"}});
}

TEST(Outline, Bash) {
    check({"bash",
           "#!/bin/sh\nsource ./env.sh\n. ./lib.sh\n\ndeploy() {\n  build_image \"$1\"\n  push "
           "\"$1\"\n}\n",
           6,
           "function deploy",
           {"source", "."},
           {"build_image"}});
}

TEST(Outline, Ruby) {
    check(
        {"ruby",
         "require 'json'\nrequire_relative 'store'\n\nmodule App\n  class Store\n    def put(key)\n"
         "      validate(key)\n    end\n  end\nend\n",
         7,
         "module App > class Store > def put",
         {"require", "require_relative"},
         {"validate"}});
}

TEST(Outline, JsonKeys) {
    check({"json",
           "{\n  \"scripts\": {\n    \"test\": \"ctest\"\n  }\n}\n",
           3,
           "scripts > test",
           {},
           {}});
}

TEST(Outline, TopLevelLineHasNoChain) {
    Outline o = outline("python", "import os\nx = 1\n\ndef f():\n    pass\n");
    ASSERT_TRUE(o.parsed);
    EXPECT_TRUE(enclosing_symbols(o, 2).empty());
    EXPECT_EQ(o.symbols.size(), 1u);
    EXPECT_EQ(o.symbols[0].signature_end, 4u);
}

TEST(Outline, DefinitionNamesAreNotUses) {
    Outline o = outline("python", "def helper(value):\n    return value\n", {{1, 2}});
    auto used = names_on(o, 1);
    EXPECT_EQ(std::find(used.begin(), used.end(), "helper"), used.end());
    EXPECT_NE(std::find(used.begin(), used.end(), "value"), used.end());
}

TEST(Outline, NotParsedSaysWhy) {
    Outline unknown = outline("cobol", "IDENTIFICATION DIVISION.\n");
    EXPECT_FALSE(unknown.parsed);
    EXPECT_FALSE(unknown.reason.empty());
    Outline big = outline("python", std::string(100, 'x'), {}, {.max_bytes = 10});
    EXPECT_FALSE(big.parsed);
    EXPECT_NE(big.reason.find("larger than"), std::string::npos);
}

TEST(Outline, BrokenFileStillOutlinesWhatParses) {
    Outline o = outline(
        "python", "class A:\n    def ok(self):\n        return 1\n\ndef broken(:\n    pass\n");
    ASSERT_TRUE(o.parsed);
    EXPECT_EQ(symbol_chain(o, enclosing_symbols(o, 3)), "class A > def ok");
}

} // namespace
} // namespace vigil::lang
