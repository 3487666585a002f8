#include <gtest/gtest.h>
#include <vigil/lang/grammar.hpp>
#include <vigil/lang/syntax.hpp>

namespace vigil::lang {
namespace {

// A grammar newer than the runtime links and compiles, then fails only here.
TEST(Grammar, EveryLinkedGrammarLoads) {
    ASSERT_EQ(grammar_names().size(), 12u);
    for (auto name : grammar_names()) {
        auto loaded = check_grammar(name);
        EXPECT_TRUE(loaded) << name << ": " << (loaded ? "" : loaded.error().describe());
    }
}

TEST(Grammar, UnknownNameIsAnError) {
    auto loaded = check_grammar("cobol");
    ASSERT_FALSE(loaded);
    EXPECT_NE(loaded.error().message.find("cobol"), std::string::npos);
}

// One clean sample per grammar: a grammar that loads but is wired to the wrong entry point
// (python's parser for .rb) would report errors here.
TEST(Grammar, EachParsesASampleOfItsLanguageCleanly) {
    const std::pair<std::string_view, std::string_view> samples[] = {
        {"python", "class Store:\n    def put(self, k, v):\n        self.d[k] = v\n"},
        {"javascript", "function put(k, v) { store[k] = v; }\nconst x = () => 1;\n"},
        {"typescript", "function put(k: string, v: number): void { store[k] = v; }\n"},
        {"tsx", "const App = (p: Props) => <div>{p.name}</div>;\n"},
        {"go", "package main\n\nfunc put(k string) error { return nil }\n"},
        {"rust", "fn put(k: &str) -> Result<(), E> { Ok(()) }\n"},
        {"c", "int put(const char *k) { return 0; }\n"},
        {"cpp", "namespace a { template <class T> class S { void put(T k); }; }\n"},
        {"java", "class Store { void put(String k) { map.put(k, 1); } }\n"},
        {"bash", "put() { local k=\"$1\"; echo \"$k\" >> store; }\n"},
        {"ruby", "class Store\n  def put(k, v)\n    @d[k] = v\n  end\nend\n"},
        {"json", "{\"a\": [1, 2, {\"b\": null}]}\n"},
    };
    for (auto [name, text] : samples) {
        auto check = syntax_errors(name, text);
        EXPECT_TRUE(check.parsed) << name << ": " << check.reason;
        EXPECT_TRUE(check.errors.empty()) << name << " reports " << check.errors.size() << " errors";
        // And the wrong grammar does not take it: the sample is really of its language.
    }
    EXPECT_FALSE(syntax_errors("json", "class Store:\n    pass\n").errors.empty());
    EXPECT_FALSE(syntax_errors("python", "fn put(k: &str) -> u8 { 1 }\n").errors.empty());
}

TEST(Grammar, DetectionByExtensionNameAndShebang) {
    EXPECT_EQ(grammar_for("src/app.py"), "python");
    EXPECT_EQ(grammar_for("web/App.TSX"), "tsx");
    EXPECT_EQ(grammar_for("web/app.ts"), "typescript");
    EXPECT_EQ(grammar_for("web/app.mjs"), "javascript");
    EXPECT_EQ(grammar_for("include/x.h"), "cpp");
    EXPECT_EQ(grammar_for("lib/x.c"), "c");
    EXPECT_EQ(grammar_for("Rakefile"), "ruby");
    EXPECT_EQ(grammar_for("a/Gemfile"), "ruby");
    EXPECT_EQ(grammar_for("package.json"), "json");
    EXPECT_EQ(grammar_for("main.go"), "go");
    EXPECT_EQ(grammar_for("lib.rs"), "rust");
    EXPECT_EQ(grammar_for("A.java"), "java");
    EXPECT_EQ(grammar_for("bin/deploy", "#!/usr/bin/env bash\nset -e\n"), "bash");
    EXPECT_EQ(grammar_for("bin/tool", "#!/usr/bin/env -S python3.11 -u\n"), "python");
    EXPECT_EQ(grammar_for("bin/tool", "#!/usr/local/bin/node\n"), "javascript");
    EXPECT_EQ(grammar_for("bin/tool", "#!/bin/sh\n"), "bash");
    EXPECT_EQ(grammar_for("bin/tool", "#!/usr/bin/perl\n"), "");
    EXPECT_EQ(grammar_for("notes.txt", "plain text"), "");
    EXPECT_EQ(grammar_for("Makefile"), "");
    EXPECT_EQ(grammar_for(".gitignore"), "");
}

} // namespace
} // namespace vigil::lang
