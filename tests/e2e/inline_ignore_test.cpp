// Lines marked vigil:allow (or gitleaks:allow, pragma: allowlist secret) are not reported, in
// every target; the rest of the file still is.
#include "e2e.hpp"

namespace vigil::test {
namespace {

TEST(E2eInlineIgnore, MarkedLinesAreSilencedEverywhere) {
    TempRepo repo;
    repo.write("a.py", "k = \"" + fake_aws_key(0) + "\"  # vigil:allow\n" + "j = \"" +
                           fake_aws_key(1) + "\"  # gitleaks:allow\n" + "m = \"" + fake_aws_key(2) +
                           "\"  # pragma: allowlist secret\n" + "n = \"" + fake_aws_key(3) +
                           "\"\n");
    repo.git({"add", "-A"});
    for (std::vector<std::string> target :
         {std::vector<std::string>{"--staged"}, {"--worktree"}, {"a.py"}}) {
        std::vector<std::string> args = {"scan"};
        args.insert(args.end(), target.begin(), target.end());
        if (target[0] == "--worktree") {
            repo.git({"rm", "-q", "--cached", "a.py"}); // untracked again: read as added
        }
        auto r = repo.vigil(args);
        EXPECT_EQ(r.exit_code, 1) << target[0] << "\n" << describe(r);
        EXPECT_TRUE(contains(r.out, "a.py:4:6:")) << target[0] << "\n" << describe(r);
        EXPECT_EQ(finding_count(r.out), 1u) << target[0] << "\n" << describe(r);
    }
}

TEST(E2eInlineIgnore, HistoryHonoursMarkersInOldCommits) {
    TempRepo repo;
    repo.write("a.py", "k = \"" + fake_aws_key() + "\"  # vigil:allow\n");
    repo.commit_all("allowed key");
    auto r = repo.vigil({"scan", "--history"});
    EXPECT_EQ(r.exit_code, 0) << describe(r);
    EXPECT_EQ(r.out, "") << describe(r);
}

} // namespace
} // namespace vigil::test
