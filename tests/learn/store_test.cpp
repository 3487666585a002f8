// The feedback store: schema, what is kept (never a secret), events, dismissals, open fixes,
// and a corrupt file moved aside so the run goes on.
#include "support/temp_repo.hpp"

#include <fstream>
#include <gtest/gtest.h>
#include <vigil/learn/store.hpp>

namespace vigil::test {
namespace {

namespace fs = std::filesystem;

core::Finding finding(std::string fp, std::string rule = "model/bug") {
    core::Finding f;
    f.fingerprint = std::move(fp);
    f.rule_id = std::move(rule);
    f.category = "bug";
    f.message = "Division by zero";
    f.location.path = "src/calc.py";
    f.location.line = 7;
    return f;
}

core::Suggestion fix_for(const core::Finding& f, std::string base = std::string(40, 'a')) {
    core::Suggestion s;
    s.fingerprint = f.fingerprint;
    s.path = f.location.path;
    s.rule_id = f.rule_id;
    s.base_id = std::move(base);
    s.new_id = std::string(40, 'b');
    s.start_line = 7;
    s.end_line = 7;
    s.removed = "    return a / b\n";
    s.inserted = "    return a / b if b else 0\n";
    s.diff = "diff --git a/src/calc.py b/src/calc.py\n";
    s.description = "guard the division";
    return s;
}

TEST(LearnStore, RecordsShownFindingsFixesAndEvents) {
    TempDir dir;
    auto store = learn::Store::open(dir.path() / "vigil");
    ASSERT_TRUE(store) << store.error().message;
    EXPECT_EQ(store->schema_version(), 3);
    EXPECT_TRUE(store->warnings().empty());
    auto run = store->begin_run("review", "range main...HEAD");
    ASSERT_TRUE(run);
    auto a = finding("aaaa1111" + std::string(56, '0'));
    auto b = finding("bbbb2222" + std::string(56, '0'), "trailing-whitespace");
    ASSERT_TRUE(store->record_shown(*run, {a, b}, {fix_for(a)}));
    auto found = store->findings_with_prefix("aaaa11");
    ASSERT_EQ(found.size(), 1u);
    EXPECT_EQ(found[0].rule_id, "model/bug");
    EXPECT_EQ(found[0].last_event, "shown");
    EXPECT_EQ(store->findings_with_prefix("").size(), 2u);
    auto fix = store->suggestion_for(a.fingerprint);
    ASSERT_TRUE(fix);
    EXPECT_EQ(fix->inserted, "    return a / b if b else 0\n");
    EXPECT_EQ(fix->start_line, 7u);
    EXPECT_FALSE(store->suggestion_for(b.fingerprint));
    EXPECT_EQ(store->open_suggestions(), std::vector<std::string>{a.fingerprint});

    ASSERT_TRUE(store->record_event(a.fingerprint, learn::Event::applied));
    EXPECT_TRUE(store->open_suggestions().empty());
    ASSERT_TRUE(store->record_event(b.fingerprint, learn::Event::dismissed, "noise"));
    EXPECT_EQ(store->dismissed(), std::set<std::string>{b.fingerprint});
    EXPECT_EQ(store->findings_with_prefix("bbbb")[0].last_event, "dismissed");

    // A second run showing the same finding: one finding, two "shown" events.
    auto again = store->begin_run("review", "range main...HEAD");
    ASSERT_TRUE(store->record_shown(*again, {a}, {}));
    EXPECT_EQ(store->findings_with_prefix("").size(), 2u);
    EXPECT_EQ(store->event_count(a.fingerprint, learn::Event::shown), 2u);
}

TEST(LearnStore, KeepsNoFixForLinesHoldingASecret) {
    TempDir dir;
    auto store = learn::Store::open(dir.path());
    ASSERT_TRUE(store);
    auto f = finding("cccc3333" + std::string(56, '0'), "aws-access-token");
    f.line_text = "key = \"AKIA...\"";
    f.secret = {7, 14};
    f.line_secrets = {f.secret};
    auto run = store->begin_run("review", "staged");
    ASSERT_TRUE(store->record_shown(*run, {f}, {fix_for(f)}));
    EXPECT_FALSE(store->suggestion_for(f.fingerprint));
    // And the finding's own text is not kept at all.
    std::ifstream in(dir.path() / learn::k_store_file, std::ios::binary);
    std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    EXPECT_EQ(bytes.find("AKIA"), std::string::npos);
}

TEST(LearnStore, AReopenedStoreKeepsEverything) {
    TempDir dir;
    auto f = finding("dddd4444" + std::string(56, '0'));
    {
        auto store = learn::Store::open(dir.path());
        ASSERT_TRUE(store);
        auto run = store->begin_run("review", "staged");
        ASSERT_TRUE(store->record_shown(*run, {f}, {fix_for(f)}));
        ASSERT_TRUE(store->record_event(f.fingerprint, learn::Event::dismissed));
    }
    auto store = learn::Store::open(dir.path());
    ASSERT_TRUE(store);
    EXPECT_EQ(store->schema_version(), 3);
    EXPECT_TRUE(store->dismissed().contains(f.fingerprint));
    EXPECT_TRUE(store->suggestion_for(f.fingerprint));
}

TEST(LearnStore, ACorruptFileIsMovedAsideAndANewStoreStarts) {
    TempDir dir;
    {
        std::ofstream(dir.path() / learn::k_store_file, std::ios::binary)
            << "this is not a database, just bytes that look nothing like SQLite's header\n"
            << std::string(4096, 'x');
    }
    auto store = learn::Store::open(dir.path());
    ASSERT_TRUE(store) << store.error().message;
    ASSERT_EQ(store->warnings().size(), 1u);
    EXPECT_NE(store->warnings()[0].find("could not be read"), std::string::npos)
        << store->warnings()[0];
    bool aside = false;
    for (const auto& e : fs::directory_iterator(dir.path())) {
        aside = aside || e.path().filename().string().starts_with("learn.sqlite3.corrupt-");
    }
    EXPECT_TRUE(aside);
    auto run = store->begin_run("review", "staged");
    EXPECT_TRUE(run);
}

} // namespace
} // namespace vigil::test

namespace vigil::test {
namespace {

TEST(LearnStore, MessageShapesGroupFindingsOfOneKind) {
    EXPECT_EQ(learn::message_shape("Possible division by zero in `f0`. It can fail."),
              "possible division by zero in");
    EXPECT_EQ(learn::message_shape("Possible division by zero in `g12`"),
              learn::message_shape("possible  division by zero in 'h'."));
    EXPECT_NE(learn::message_shape("Unchecked error"), learn::message_shape("Unchecked null"));
}

TEST(LearnStore, CountsDismissalsOfAKindAndKeepsTheirMessages) {
    TempDir dir;
    auto store = learn::Store::open(dir.path());
    ASSERT_TRUE(store);
    auto run = store->begin_run("review", "staged");
    std::vector<core::Finding> found;
    for (int i = 0; i < 3; ++i) {
        auto f = finding(std::to_string(i) + std::string(63, 'f'));
        f.message = "Possible division by zero in `f" + std::to_string(i) + "`";
        found.push_back(f);
    }
    ASSERT_TRUE(store->record_shown(*run, found, {}));
    std::string shape = learn::message_shape(found[0].message);
    EXPECT_EQ(store->dismissed_like("bug", shape), 0u);
    for (const auto& f : found) {
        ASSERT_TRUE(store->record_event(f.fingerprint, learn::Event::dismissed));
    }
    EXPECT_EQ(store->dismissed_like("bug", shape), 3u);
    EXPECT_EQ(store->dismissed_like("security", shape), 0u);
    auto messages = store->dismissed_messages("bug", 5);
    ASSERT_EQ(messages.size(), 1u); // one kind
    auto stats = store->rule_stats();
    ASSERT_EQ(stats.size(), 1u);
    EXPECT_EQ(stats[0].shown, 3u);
    EXPECT_EQ(stats[0].dismissed, 3u);
}

} // namespace
} // namespace vigil::test
