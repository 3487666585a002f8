// Anchors (quotes resolved against added lines) and the answer parsers: what a model says is
// data, and only what fits the schema and quotes real added lines survives.
#include "review_test_helpers.hpp"

#include <vigil/review/anchor.hpp>
#include <vigil/review/answer.hpp>

namespace vigil::test {
namespace {

using review::resolve_anchor;

core::FileChange change_with(std::vector<std::pair<core::LineKind, std::string>> lines,
                             uint32_t first_new = 10) {
    core::FileChange f;
    f.new_path = "src/app.py";
    core::Hunk h;
    h.new_start = first_new;
    uint32_t n = first_new;
    for (auto& [kind, text] : lines) {
        core::Line l;
        l.kind = kind;
        l.content = text;
        l.new_lineno = kind == core::LineKind::removed ? 0 : n++;
        h.lines.push_back(std::move(l));
    }
    h.new_lines = n - first_new;
    f.hunks.push_back(std::move(h));
    return f;
}

const auto A = core::LineKind::added;
const auto C = core::LineKind::context;
const auto R = core::LineKind::removed;

TEST(Anchor, ExactQuoteOfAddedLines) {
    auto f = change_with({{C, "def put(self, k, v):"},
                          {A, "    self.items[k] = v"},
                          {A, "    self.count += 1"},
                          {C, "    return v"}});
    auto a = resolve_anchor("    self.items[k] = v\n    self.count += 1", f, {0});
    ASSERT_TRUE(a);
    EXPECT_EQ(a->first_line, 11u);
    EXPECT_EQ(a->last_line, 12u);
    EXPECT_TRUE(a->exact);
    EXPECT_EQ(a->lines.at(1), "    self.count += 1");
}

TEST(Anchor, WhitespaceAndCopiedDiffMarksAreForgiven) {
    auto f = change_with({{C, "x = 1"}, {A, "if (a  ==  b) {"}, {A, "\tcall();"}});
    auto loose = resolve_anchor("if (a == b) {", f, {0});
    ASSERT_TRUE(loose);
    EXPECT_FALSE(loose->exact);
    EXPECT_EQ(loose->first_line, 11u);
    auto marked = resolve_anchor("   12 + \tcall();", f, {0});
    ASSERT_TRUE(marked);
    EXPECT_EQ(marked->first_line, 12u);
    auto plus = resolve_anchor("+\tcall();\n\n", f, {0});
    ASSERT_TRUE(plus);
    EXPECT_EQ(plus->first_line, 12u);
}

TEST(Anchor, ContextRemovedOrInventedLinesDoNotAnchor) {
    auto f = change_with({{C, "keep = 1"}, {R, "old = 2"}, {A, "new = 3"}});
    EXPECT_FALSE(resolve_anchor("keep = 1", f, {0}));          // context, not added
    EXPECT_FALSE(resolve_anchor("old = 2", f, {0}));           // removed
    EXPECT_FALSE(resolve_anchor("new = 4", f, {0}));           // not in the change
    EXPECT_FALSE(resolve_anchor("keep = 1\nnew = 3", f, {0})); // a run must be all added
    EXPECT_FALSE(resolve_anchor("", f, {0}));
    EXPECT_FALSE(resolve_anchor("new = 3", f, {1})); // a hunk the request did not cover
    auto ok = resolve_anchor("new = 3", f, {0});
    ASSERT_TRUE(ok);
    EXPECT_EQ(ok->first_line, 11u);
}

TEST(Anchor, RemovedLinesBetweenAddedOnesDoNotBreakARun) {
    auto f = change_with({{A, "a = 1"}, {R, "b = 0"}, {A, "b = 2"}});
    auto a = resolve_anchor("a = 1\nb = 2", f, {0});
    ASSERT_TRUE(a);
    EXPECT_EQ(a->first_line, 10u);
    EXPECT_EQ(a->last_line, 11u);
}

TEST(Anchor, QuotesLongerThanThreeLinesAreRefused) {
    auto f = change_with({{A, "a"}, {A, "b"}, {A, "c"}, {A, "d"}});
    EXPECT_FALSE(resolve_anchor("a\nb\nc\nd", f, {0}));
    EXPECT_TRUE(resolve_anchor("a\nb\nc", f, {0}));
}

TEST(ReviewAnswer, KeepsWhatFitsTheSchemaAndCountsTheRest) {
    auto answer = review::parse_review_answer(R"({"findings":[
        {"quote":"x = 1","category":"bug","severity":"error","title":"Wrong","explanation":"Why",
         "replacement":"x = 2"},
        {"quote":"","category":"bug","severity":"error","title":"No quote","explanation":""},
        {"quote":"y","category":"style","severity":"note","title":"Unknown category"},
        "not an object",
        {"quote":"z","category":"security","severity":"loud","title":"Odd severity"},
        {"quote":"w","category":"bug","severity":"note","title":"Past the cap"}]})",
                                              2);
    ASSERT_TRUE(answer);
    ASSERT_EQ(answer->findings.size(), 2u);
    EXPECT_EQ(answer->findings[0].replacement.value_or(""), "x = 2");
    EXPECT_EQ(answer->findings[0].severity, core::Severity::error);
    EXPECT_EQ(answer->findings[1].severity, core::Severity::warning); // unknown: warning
    EXPECT_EQ(answer->invalid, 4u);
    EXPECT_FALSE(review::parse_review_answer(R"({"verdict":"ok"})", 3));
    EXPECT_FALSE(review::parse_review_answer("Looks good to me!", 3));
}

TEST(ReviewAnswer, SchemaCapsTheFindingsAndListsTheCategories) {
    std::string schema = review::review_schema(3);
    EXPECT_NE(schema.find(R"("maxItems":3)"), std::string::npos);
    EXPECT_NE(schema.find(R"("quote")"), std::string::npos);
    EXPECT_NE(schema.find("error-handling"), std::string::npos);
    EXPECT_LT(schema.find("quote"), schema.find("category")); // the evidence first
}

TEST(TriageAndVerifyAnswers, ParseIdsAndIgnoreJunk) {
    auto t = review::parse_triage_answer(
        R"({"hunks":[{"id":1,"review":false},{"id":2,"review":true,"focus":"bounds"},{"id":"3"}]})");
    ASSERT_TRUE(t);
    EXPECT_EQ(t->size(), 2u);
    EXPECT_FALSE(t->at(1).review);
    EXPECT_EQ(t->at(2).focus, "bounds");
    auto v = review::parse_verify_answer(R"({"scores":[{"id":1,"score":9},{"id":2,"score":42}]})");
    ASSERT_TRUE(v);
    EXPECT_EQ(v->at(1), 9);
    EXPECT_EQ(v->at(2), 10);
    EXPECT_FALSE(review::parse_verify_answer("[]"));
}

} // namespace
} // namespace vigil::test
