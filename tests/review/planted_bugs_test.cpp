// A planted-bug corpus: in each language a change plants one bug, the (fake) model quotes it —
// sometimes with other whitespace or a copied "+" — and proposes a fix. The finding must land
// on the planted line, and the fix must be kept when it is sound and rejected, by the right
// reason, when it is not.
#include "llm/llm_test_helpers.hpp"
#include "review_test_helpers.hpp"

#include <nlohmann/json.hpp>
#include <vigil/lang/context.hpp>
#include <vigil/llm/routing.hpp>
#include <vigil/review/pipeline.hpp>
#include <vigil/scan/scanner.hpp>

namespace vigil::test {
namespace {

using nlohmann::json;

struct Planted {
    std::string name;
    std::string path;
    std::string before;
    std::string after;
    std::string quote;       // as the model writes it
    std::string replacement; // the model's fix
    uint32_t line;           // where the bug is
    std::string rejected;    // "" when the fix must be kept, else the reason
};

std::vector<Planted> corpus() {
    return {
        {"python off-by-one", "src/last.py", "def last(xs):\n    return xs[-1]\n",
         "def last(xs):\n    return xs[-1]\n\n\ndef nth(xs, n):\n    return xs[len(xs) - n + 1]\n",
         "    return xs[len(xs) - n + 1]", "    return xs[len(xs) - n]", 6, ""},
        {"javascript loose equality, quoted with other spacing", "web/auth.js",
         "export function ok() {\n  return true;\n}\n",
         "export function ok() {\n  return true;\n}\n\nexport function isAdmin(user) {\n"
         "  return user.role == 'admin';\n}\n",
         "return user.role=='admin';", "  return user.role === 'admin';", 6, ""},
        {"go ignored error, quoted with a copied +", "cmd/read.go",
         "package main\n\nimport \"os\"\n\nfunc main() {\n\t_ = os.Args\n}\n",
         "package main\n\nimport \"os\"\n\nfunc main() {\n\t_ = os.Args\n}\n\n"
         "func read(p string) []byte {\n\tb, _ := os.ReadFile(p)\n\treturn b\n}\n",
         "+\tb, _ := os.ReadFile(p)",
         "\tb, err := os.ReadFile(p)\n\tif err != nil {\n\t\treturn nil\n\t}", 10, ""},
        {"c buffer overflow, a fix that does not parse", "src/copy.c",
         "#include <string.h>\n\nint one(void) { return 1; }\n",
         "#include <string.h>\n\nint one(void) { return 1; }\n\n"
         "void copy(char *dst, const char *src) {\n    strcpy(dst, src);\n}\n",
         "    strcpy(dst, src);", "    strncpy(dst, src, sizeof dst;", 6, "syntax error"},
        {"rust unwrap, a fix that is a placeholder", "src/lib.rs",
         "pub fn one() -> i32 {\n    1\n}\n",
         "pub fn one() -> i32 {\n    1\n}\n\npub fn parse(s: &str) -> i32 {\n"
         "    s.parse().unwrap()\n}\n",
         "    s.parse().unwrap()", "    todo!() // TODO: handle the error", 6, "placeholder"},
        {"python fix that drops the function", "src/calc.py", "def first(xs):\n    return xs[0]\n",
         "def first(xs):\n    return xs[0]\n\n\ndef mean(xs):\n    return sum(xs) / len(xs)\n",
         "def mean(xs):\n    return sum(xs) / len(xs)", "MEAN = 0", 5, "drops a symbol"},
    };
}

TEST(PlantedBugs, EachLandsOnItsLineAndItsFixIsJudged) {
    for (const auto& p : corpus()) {
        SCOPED_TRACE(p.name);
        TempRepo repo;
        auto changes = staged_change(repo, {{p.path, p.before}}, {{p.path, p.after}});
        core::TextSource text = [&](const core::FileChange& f) -> std::optional<std::string> {
            return repo.read(f.path());
        };
        auto context = lang::change_context(changes, text);
        auto findings = scan::scan_changes(default_rules(), changes);
        FakeOllama fake;
        fake.add_model({.name = "qwen2.5-coder:7b"});
        json f = {{"quote", p.quote},       {"category", "bug"},  {"severity", "warning"},
                  {"title", "Planted bug"}, {"explanation", "x"}, {"replacement", p.replacement}};
        fake.set_default_reply({.content = json{{"findings", json::array({f})}}.dump()});
        llm::LlmSettings s;
        s.endpoints = {endpoint_for(fake)};
        s.model = "qwen2.5-coder:7b";
        std::vector<std::unique_ptr<llm::Backend>> backends;
        backends.push_back(llm::make_backend(s.endpoints[0], test_timeouts()));
        auto plan = llm::plan_routes(s, {backends[0].get()});
        ASSERT_TRUE(plan);
        llm::Router router(std::move(backends), *plan, std::nullopt, nullptr);
        review::ReviewInput in{changes, context, text, findings, default_rules()};
        auto result = review::review_changes(router, in, {});
        ASSERT_EQ(result.findings.size(), 1u) << json(result.summary.failures).dump();
        EXPECT_EQ(result.findings[0].location.line, p.line);
        if (p.rejected.empty()) {
            EXPECT_EQ(result.suggestions.size(), 1u) << json(result.summary.rejected).dump();
        } else {
            EXPECT_TRUE(result.suggestions.empty());
            EXPECT_EQ(result.summary.rejected[p.rejected], 1u)
                << json(result.summary.rejected).dump();
        }
    }
}

} // namespace
} // namespace vigil::test
