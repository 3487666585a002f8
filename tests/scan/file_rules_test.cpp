// Rules without a regex judge whole files: path-only rules ("file detected", as gitleaks) and
// vigil's minFileSize rules, including files the diff skipped as binary or too large.
#include <cstdlib>
#include <gtest/gtest.h>
#include <vigil/rules/rule_set.hpp>
#include <vigil/scan/scanner.hpp>

namespace vigil::test {
namespace {

rules::RuleSet rule_set(std::string_view toml) {
    auto loaded = rules::RuleSet::from_toml(toml, "test.toml");
    if (!loaded) {
        ADD_FAILURE() << loaded.error().describe();
        std::abort();
    }
    return std::move(*loaded);
}

const char* k_rules = R"(
[[rules]]
id = "keystore"
description = "PKCS#12 keystore"
path = '''(?i)\.p12$'''
[[rules]]
id = "big"
description = "Large new file"
category = "hygiene"
minFileSize = 100
)";

core::FileChange file(std::string path, core::FileStatus status, size_t added_bytes) {
    core::FileChange f;
    f.status = status;
    f.new_path = std::move(path);
    core::Hunk h;
    for (size_t i = 0; i < added_bytes / 10; ++i) {
        core::Line l;
        l.kind = core::LineKind::added;
        l.new_lineno = uint32_t(i + 1);
        l.content = "123456789"; // 9 bytes + the line ending
        h.lines.push_back(l);
    }
    f.hunks.push_back(h);
    return f;
}

std::vector<std::string> found(const rules::RuleSet& rules, const core::ChangeSet& cs) {
    std::vector<std::string> out;
    for (const auto& f : scan::scan_changes(rules, cs)) {
        out.push_back(f.rule_id + "@" + f.location.path + ":" + std::to_string(f.location.line));
    }
    return out;
}

TEST(FileRules, PathOnlyRuleReportsEachMatchingFileOnceAtLineZero) {
    auto rules = rule_set(k_rules);
    core::ChangeSet cs;
    cs.files.push_back(file("certs/Client.P12", core::FileStatus::modified, 20));
    cs.files.push_back(file("notes.txt", core::FileStatus::modified, 20));
    EXPECT_EQ(found(rules, cs), std::vector<std::string>{"keystore@certs/Client.P12:0"});
    auto f = scan::scan_changes(rules, cs).at(0);
    EXPECT_EQ(f.message, "PKCS#12 keystore");
    EXPECT_EQ(f.category, "secret");
    EXPECT_FALSE(f.has_secret());
    EXPECT_FALSE(f.fingerprint.empty());
}

TEST(FileRules, SkippedBinaryFilesStillMeetPathRules) {
    auto rules = rule_set(k_rules);
    core::ChangeSet cs;
    cs.skipped.push_back({"id.p12", "binary file"});
    cs.skipped.push_back({"sub.p12", "submodule"});
    EXPECT_EQ(found(rules, cs), std::vector<std::string>{"keystore@id.p12:0"});
}

TEST(FileRules, DeletedFilesAreNotReported) {
    auto rules = rule_set(k_rules);
    core::ChangeSet cs;
    core::FileChange gone;
    gone.status = core::FileStatus::deleted;
    gone.old_path = "old.p12";
    cs.files.push_back(gone);
    EXPECT_TRUE(found(rules, cs).empty());
}

TEST(FileRules, MinFileSizeCountsOnlyNewFilesAddedText) {
    auto rules = rule_set(k_rules);
    core::ChangeSet cs;
    cs.files.push_back(file("new-big.txt", core::FileStatus::added, 100));
    cs.files.push_back(file("new-small.txt", core::FileStatus::added, 90));
    cs.files.push_back(file("edited-big.txt", core::FileStatus::modified, 500));
    cs.skipped.push_back({"huge.bin", "larger than the size limit (20 > 10 bytes)"});
    // A file skipped as too large may be an old one: only the skip note tells of it.
    EXPECT_EQ(found(rules, cs), (std::vector<std::string>{"big@new-big.txt:0"}));
}

TEST(FileRules, GlobalPathAllowlistAppliesToFileRules) {
    auto rules = rule_set(std::string(k_rules) + "[[allowlists]]\npaths = ['''^vendor/''']\n");
    core::ChangeSet cs;
    cs.files.push_back(file("vendor/x.p12", core::FileStatus::added, 200));
    cs.skipped.push_back({"vendor/y.p12", "binary file"});
    EXPECT_TRUE(found(rules, cs).empty());
}

} // namespace
} // namespace vigil::test
