// The feedback store through the real binary: `vigil apply` takes a reviewed fix (exactly, or
// merged with changes made since) or refuses, `vigil dismiss` keeps a finding out of later
// reports, concurrent runs lose nothing, and a corrupt store never stops a run.
#include "review_fixture.hpp"
#include "support/fake_ollama.hpp"

#include <fstream>
#include <future>
#include <nlohmann/json.hpp>
#include <vigil/learn/store.hpp>

namespace vigil::test {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

// Reviews the branch with a fake model proposing the fix; returns the finding's id.
std::string reviewed_fix(TempRepo& repo) {
    FakeOllama fake;
    fake.add_model({.name = "qwen2.5-coder:7b"});
    fake.set_default_reply({.content = division_answer("warning", true)});
    auto r = repo.vigil({"review", "--format", "json"}, model_env(repo, fake.host_port()));
    EXPECT_EQ(r.exit_code, 0) << describe(r);
    json doc = json::parse(r.out);
    EXPECT_EQ(doc["findings"].size(), 1u) << r.out;
    return doc["findings"][0]["fingerprint"].get<std::string>().substr(0, 12);
}

TEST(E2eApply, TakesAReviewedFixIntoTheWorkTree) {
    TempRepo repo;
    calc_feature_branch(repo);
    std::string id = reviewed_fix(repo);
    auto dry = repo.vigil({"apply", id, "--dry-run"});
    EXPECT_EQ(dry.exit_code, 0) << describe(dry);
    EXPECT_TRUE(contains(dry.out, "+    return total / len(items) if items else 0.0")) << dry.out;
    EXPECT_EQ(repo.read("calc.py"), k_calc_feature); // nothing written
    auto r = repo.vigil({"apply", id});
    EXPECT_EQ(r.exit_code, 0) << describe(r);
    EXPECT_TRUE(contains(r.err, id + " calc.py:7: applied")) << r.err;
    std::string fixed = with_guarded_division(k_calc_feature);
    EXPECT_EQ(repo.read("calc.py"), fixed);
    EXPECT_TRUE(repo.git({"diff", "--cached", "--name-only"}).empty()); // the index untouched
    auto all = repo.vigil({"apply", "--all"});
    EXPECT_EQ(all.exit_code, 0) << describe(all);
    EXPECT_TRUE(contains(all.err, "no open fixes")) << all.err;
}

TEST(E2eApply, IndexStagesTheFixOnlyWhereTheIndexHoldsTheOldVersion) {
    TempRepo repo;
    calc_feature_branch(repo);
    std::string id = reviewed_fix(repo);
    auto r = repo.vigil({"apply", "--index", id});
    EXPECT_EQ(r.exit_code, 0) << describe(r);
    EXPECT_TRUE(contains(r.err, "applied, and staged")) << r.err;
    EXPECT_EQ(repo.git({"diff", "--cached", "--name-only"}), "calc.py");
    EXPECT_TRUE(repo.git({"diff", "--name-only"}).empty()); // work tree = index

    TempRepo other;
    calc_feature_branch(other);
    std::string id2 = reviewed_fix(other);
    other.write("calc.py", "# staged edit\n" + k_calc_feature);
    other.git({"add", "calc.py"});
    other.write("calc.py", k_calc_feature); // the work tree back, the index differs
    auto refused = other.vigil({"apply", "--index", id2});
    EXPECT_EQ(refused.exit_code, 1) << describe(refused);
    EXPECT_TRUE(contains(refused.err, "the index holds another version")) << refused.err;
    EXPECT_EQ(other.read("calc.py"), k_calc_feature); // nothing written
}

TEST(E2eApply, MergesWithChangesMadeSinceTheReview) {
    TempRepo repo;
    calc_feature_branch(repo);
    std::string id = reviewed_fix(repo);
    repo.write("calc.py", "import math\n" + k_calc_feature); // an edit elsewhere in the file
    auto r = repo.vigil({"apply", id});
    EXPECT_EQ(r.exit_code, 0) << describe(r);
    EXPECT_TRUE(contains(r.err, "merged with changes made since the review")) << r.err;
    std::string text = repo.read("calc.py");
    EXPECT_TRUE(text.starts_with("import math\n")) << text;
    EXPECT_TRUE(contains(text, "if items else 0.0")) << text;
}

TEST(E2eApply, RefusesWhenTheLinesChangedAndNeverLosesWork) {
    TempRepo repo;
    calc_feature_branch(repo);
    std::string id = reviewed_fix(repo);
    std::string mine = k_calc_feature;
    mine.replace(mine.find("    return total / len(items)"), 29,
                 "    return total / max(len(items), 1)");
    repo.write("calc.py", mine);
    auto r = repo.vigil({"apply", id});
    EXPECT_EQ(r.exit_code, 1) << describe(r);
    EXPECT_TRUE(contains(r.err, "changed where the fix goes")) << r.err;
    EXPECT_EQ(repo.read("calc.py"), mine);
    auto unknown = repo.vigil({"apply", "abcdef012345"});
    EXPECT_EQ(unknown.exit_code, 2) << describe(unknown);
}

TEST(E2eApply, RefusesPathsOutsideTheWorkTree) {
    TempRepo repo;
    calc_feature_branch(repo);
    reviewed_fix(repo); // creates the store
    auto store = learn::Store::open(repo.path() / ".git" / "vigil");
    ASSERT_TRUE(store);
    core::Finding f;
    f.fingerprint = "eeee5555" + std::string(56, '0');
    f.rule_id = "model/bug";
    f.category = "bug";
    f.location.path = "../outside.py";
    core::Suggestion s;
    s.fingerprint = f.fingerprint;
    s.path = "../outside.py";
    s.base_id = std::string(40, 'a');
    s.removed = "x\n";
    s.inserted = "y\n";
    s.start_line = s.end_line = 1;
    s.diff = "diff --git a/../outside.py b/../outside.py\n";
    auto run = store->begin_run("review", "test");
    ASSERT_TRUE(store->record_shown(*run, {f}, {s}));
    auto r = repo.vigil({"apply", "eeee5555"});
    EXPECT_EQ(r.exit_code, 1) << describe(r);
    EXPECT_TRUE(contains(r.err, "leaves the work tree")) << r.err;
    EXPECT_FALSE(fs::exists(repo.path().parent_path() / "outside.py"));
}

TEST(E2eDismiss, ADismissedFindingIsNotShownAgain) {
    TempRepo repo;
    calc_feature_branch(repo, k_calc_feature + "AWS_KEY = \"" + fake_aws_key() + "\"\n");
    auto first = repo.vigil({"review", "--no-llm", "--format", "json"});
    EXPECT_EQ(first.exit_code, 1) << describe(first);
    json doc = json::parse(first.out);
    ASSERT_EQ(doc["findings"].size(), 1u) << first.out;
    std::string id = doc["findings"][0]["fingerprint"].get<std::string>().substr(0, 10);
    auto d = repo.vigil({"dismiss", id, "--reason", "test fixture"});
    EXPECT_EQ(d.exit_code, 0) << describe(d);
    EXPECT_TRUE(contains(d.err, "aws-access-token in calc.py is not shown again")) << d.err;
    auto again = repo.vigil({"review", "--no-llm", "--format", "json"});
    EXPECT_EQ(again.exit_code, 0) << describe(again);
    EXPECT_TRUE(json::parse(again.out)["findings"].empty()) << again.out;
    EXPECT_TRUE(contains(again.err, "1 finding dismissed earlier left out")) << again.err;
    auto scan = repo.vigil({"scan", "--branch"});
    EXPECT_EQ(scan.exit_code, 0) << describe(scan);
    auto bad = repo.vigil({"dismiss", "zz"});
    EXPECT_EQ(bad.exit_code, 2) << describe(bad);
}

TEST(E2eFeedback, ConcurrentRunsLoseNothing) {
    TempRepo repo;
    calc_feature_branch(repo, k_calc_feature + "AWS_KEY = \"" + fake_aws_key() + "\"\n");
    constexpr int k_runs = 6;
    std::vector<std::future<ProcessResult>> runs;
    for (int i = 0; i < k_runs; ++i) {
        runs.push_back(std::async(std::launch::async, [&] {
            return repo.vigil({"review", "--no-llm", "--format", "json"});
        }));
    }
    for (auto& r : runs) {
        auto done = r.get();
        EXPECT_EQ(done.exit_code, 1) << describe(done);
        EXPECT_FALSE(contains(done.err, "feedback")) << done.err; // no store warning
    }
    auto store = learn::Store::open(repo.path() / ".git" / "vigil");
    ASSERT_TRUE(store);
    EXPECT_TRUE(store->warnings().empty());
    auto found = store->findings_with_prefix("");
    ASSERT_EQ(found.size(), 1u);
    EXPECT_EQ(store->event_count(found[0].fingerprint, learn::Event::shown), size_t(k_runs));
}

TEST(E2eFeedback, ACorruptStoreIsMovedAsideAndTheRunGoesOn) {
    TempRepo repo;
    calc_feature_branch(repo);
    fs::create_directories(repo.path() / ".git" / "vigil");
    std::ofstream(repo.path() / ".git" / "vigil" / "learn.sqlite3") << std::string(8192, 'z');
    auto r = repo.vigil({"review", "--no-llm"});
    EXPECT_EQ(r.exit_code, 0) << describe(r);
    EXPECT_TRUE(contains(r.err, "could not be read")) << r.err;
    bool aside = false;
    for (const auto& e : fs::directory_iterator(repo.path() / ".git" / "vigil")) {
        aside = aside || e.path().filename().string().starts_with("learn.sqlite3.corrupt-");
    }
    EXPECT_TRUE(aside);
    auto again = repo.vigil({"review", "--no-llm"});
    EXPECT_FALSE(contains(again.err, "could not be read")) << again.err;
}

std::string answer_for(const std::string& quote, const std::string& title,
                       const std::string& category = "bug") {
    json f = {{"quote", quote},
              {"category", category},
              {"severity", "warning"},
              {"title", title},
              {"explanation", "It can fail."}};
    return json{{"findings", json::array({f})}}.dump();
}

json review_json(TempRepo& repo, FakeOllama& fake) {
    // No cache: each test round changes the fake's answer for the same prompt.
    auto r = repo.vigil({"review", "--format", "json", "--fail-on", "never", "--no-llm-cache"},
                        model_env(repo, fake.host_port()));
    EXPECT_EQ(r.exit_code, 0) << describe(r);
    return json::parse(r.out);
}

TEST(E2eLearn, ThreeDismissalsOfAKindSuppressTheNextButNeverSecurity) {
    TempRepo repo;
    calc_feature_branch(repo, k_calc_base);
    FakeOllama fake;
    fake.add_model({.name = "qwen2.5-coder:7b"});
    std::string text = repo.read("calc.py");
    for (int i = 0; i < 3; ++i) {
        // Each round: a new function, a finding of the same kind on it, dismissed.
        std::string n = std::to_string(i);
        fake.set_default_reply(
            {.content =
                 answer_for("    return 10 / x" + n, "Possible division by zero in `g" + n + "`")});
        text += "\n\ndef g" + n + "(x" + n + "):\n    return 10 / x" + n + "\n";
        repo.write("calc.py", text);
        repo.commit_all("more " + n);
        json doc = review_json(repo, fake);
        ASSERT_EQ(doc["findings"].size(), 1u) << doc.dump(2);
        std::string id = doc["findings"][0]["fingerprint"].get<std::string>().substr(0, 12);
        auto d = repo.vigil({"dismiss", id});
        ASSERT_EQ(d.exit_code, 0) << describe(d);
    }
    text += "\n\ndef h(y):\n    return 10 / y\n";
    repo.write("calc.py", text);
    repo.commit_all("h");
    fake.set_default_reply(
        {.content = answer_for("    return 10 / y", "Possible division by zero in `h`")});
    auto r = repo.vigil({"review", "--format", "json", "--fail-on", "never"},
                        model_env(repo, fake.host_port()));
    EXPECT_TRUE(json::parse(r.out)["findings"].empty()) << r.out;
    EXPECT_TRUE(contains(r.err, "1 model finding like ones dismissed 3 times or more left out"))
        << r.err;
    EXPECT_TRUE(contains(fake.chat_requests().back().body, "Findings this team dismissed"))
        << "the dismissed kind is named in the prompt";
    fake.set_default_reply({.content = answer_for("    return 10 / y",
                                                  "Possible division by zero in `h`", "security")});
    json security = review_json(repo, fake);
    EXPECT_EQ(security["findings"].size(), 1u) << security.dump(2);
}

TEST(E2eLearn, AnAppliedFixIsAnExampleInTheNextPrompt) {
    TempRepo repo;
    calc_feature_branch(repo);
    std::string id = reviewed_fix(repo);
    ASSERT_EQ(repo.vigil({"apply", id}).exit_code, 0);
    repo.commit_all("take the fix");
    repo.write("more.py", "def ratio(a, b):\n    return a / b\n");
    repo.commit_all("ratio");
    FakeOllama fake;
    fake.add_model({.name = "qwen2.5-coder:7b"});
    review_json(repo, fake);
    ASSERT_FALSE(fake.chat_requests().empty());
    std::string body = fake.chat_requests().back().body;
    EXPECT_TRUE(contains(body, "A fix this team accepted before")) << body;
    EXPECT_TRUE(contains(body, "if items else 0.0")) << body;

    std::string pairs = (repo.path().parent_path() / "pairs.jsonl").string();
    ASSERT_EQ(repo.vigil({"learn", "export", "--jsonl", pairs}).exit_code, 0);
    std::ifstream in(pairs);
    std::string line;
    ASSERT_TRUE(std::getline(in, line));
    json pair = json::parse(line);
    EXPECT_EQ(pair["label"], "accepted");
    EXPECT_EQ(pair["response"], "    return total / len(items) if items else 0.0\n");
    EXPECT_TRUE(contains(pair["prompt"].get<std::string>(), "Division by zero")) << line;
}

TEST(E2eLearn, AFixMadeByHandLandsAndStatsCountIt) {
    TempRepo repo;
    calc_feature_branch(repo);
    std::string id = reviewed_fix(repo);
    std::string fixed = with_guarded_division(k_calc_feature);
    repo.write("calc.py", fixed); // by hand, not `vigil apply`
    repo.commit_all("fix by hand");
    auto again = repo.vigil({"review", "--no-llm"});
    EXPECT_EQ(again.exit_code, 0) << describe(again);
    auto stats = repo.vigil({"learn", "stats", "--format", "json"});
    ASSERT_EQ(stats.exit_code, 0) << describe(stats);
    json doc = json::parse(stats.out);
    ASSERT_EQ(doc["rules"].size(), 1u) << stats.out;
    EXPECT_EQ(doc["rules"][0]["rule_id"], "model/bug");
    EXPECT_EQ(doc["rules"][0]["landed"], 1);
    EXPECT_EQ(doc["rules"][0]["applied"], 0);
    EXPECT_EQ(doc["rules"][0]["address_rate"], 1.0);
    EXPECT_EQ(doc["categories"][0]["category"], "bug");
    EXPECT_EQ(doc["models"][0]["model"], "qwen2.5-coder:7b");
    EXPECT_EQ(doc["models"][0]["taken"], 1);
    ASSERT_EQ(doc["weeks"].size(), 1u);
    EXPECT_EQ(doc["weeks"][0]["accepted"], 1);
    auto text = repo.vigil({"learn", "stats"});
    EXPECT_TRUE(contains(text.out, "model/bug  1  0  1  0  100%")) << text.out;
    repo.write("calc.py", k_calc_feature); // taken back out
    repo.commit_all("revert the fix");
    ASSERT_EQ(repo.vigil({"review", "--no-llm"}).exit_code, 0);
    auto store = learn::Store::open(repo.path() / ".git" / "vigil");
    ASSERT_TRUE(store);
    auto found = store->findings_with_prefix(id);
    ASSERT_EQ(found.size(), 1u);
    EXPECT_EQ(store->event_count(found[0].fingerprint, learn::Event::reverted), 1u);
    EXPECT_TRUE(store->accepted_suggestions().empty());
    auto bad = repo.vigil({"learn", "stats", "--format", "xml"});
    EXPECT_EQ(bad.exit_code, 2) << describe(bad);
}

TEST(E2eLearn, ARuleDismissedAgainAndAgainBecomesNotesButSecretRulesNever) {
    TempRepo repo;
    repo.write("calc.py", k_calc_base);
    repo.commit_all("base");
    repo.git({"branch", "-M", "main"});
    repo.git({"checkout", "-q", "-b", "feature"});
    // A warning rule (eval() in JavaScript), dismissed five times and never accepted.
    for (int i = 0; i < 5; ++i) {
        repo.write("web" + std::to_string(i) + ".js", "eval(input" + std::to_string(i) + ");\n");
    }
    repo.write("calc.py", k_calc_base + "AWS_KEY = \"" + fake_aws_key() + "\"\n");
    repo.commit_all("five evals and a key");
    auto first = repo.vigil({"review", "--no-llm", "--format", "json", "--fail-on", "never"});
    json doc = json::parse(first.out);
    size_t dismissed = 0;
    for (const auto& f : doc["findings"]) {
        std::string id = f["fingerprint"].get<std::string>().substr(0, 12);
        if (f["rule_id"] != "aws-access-token") {
            ASSERT_EQ(repo.vigil({"dismiss", id}).exit_code, 0);
            ++dismissed;
        }
    }
    ASSERT_GE(dismissed, 5u) << first.out;
    repo.write("web9.js", "eval(more);\n");
    repo.commit_all("one more eval");
    auto again = repo.vigil({"review", "--no-llm", "--format", "json", "--fail-on", "never"});
    json later = json::parse(again.out);
    bool eval_is_note = false;
    bool key_is_error = false;
    for (const auto& f : later["findings"]) {
        eval_is_note = eval_is_note || (f["path"] == "web9.js" && f["severity"] == "note");
        key_is_error =
            key_is_error || (f["rule_id"] == "aws-access-token" && f["severity"] == "error");
    }
    EXPECT_TRUE(eval_is_note) << again.out;
    EXPECT_TRUE(key_is_error) << again.out;
    EXPECT_TRUE(contains(again.err, "reports notes only here")) << again.err;
}

TEST(E2eLearn, FeedbackExportedByOneCloneIsImportedByAnother) {
    TempRepo repo;
    calc_feature_branch(repo, k_calc_feature + "AWS_KEY = \"" + fake_aws_key() + "\"\n");
    auto first = repo.vigil({"review", "--no-llm", "--format", "json"});
    std::string fp = json::parse(first.out)["findings"][0]["fingerprint"];
    ASSERT_EQ(repo.vigil({"dismiss", fp.substr(0, 12), "--reason", "fixture"}).exit_code, 0);
    std::string shared = (repo.path().parent_path() / "feedback.jsonl").string();
    std::string model = (repo.path().parent_path() / "Modelfile").string();
    std::string pairs = (repo.path().parent_path() / "pairs.jsonl").string();
    auto exp = repo.vigil(
        {"learn", "export", "--feedback", shared, "--modelfile", model, "--jsonl", pairs});
    ASSERT_EQ(exp.exit_code, 0) << describe(exp);
    std::ifstream in(shared);
    std::string line;
    std::getline(in, line);
    EXPECT_TRUE(contains(line, "\"kind\":\"dismissed\"")) << line;
    EXPECT_FALSE(contains(line, fake_aws_key())) << line;
    std::ifstream mf(model);
    std::string modelfile((std::istreambuf_iterator<char>(mf)), std::istreambuf_iterator<char>());
    EXPECT_TRUE(modelfile.starts_with("FROM qwen2.5-coder:7b\n")) << modelfile;
    EXPECT_TRUE(contains(modelfile, "SYSTEM \"\"\"")) << modelfile;

    TempRepo other; // a CI runner's fresh clone: the same change, no history of its own
    calc_feature_branch(other, k_calc_feature + "AWS_KEY = \"" + fake_aws_key() + "\"\n");
    auto imp = other.vigil({"learn", "import", shared});
    ASSERT_EQ(imp.exit_code, 0) << describe(imp);
    EXPECT_TRUE(contains(imp.err, "imported 1 events for 1 findings")) << imp.err;
    auto twice = other.vigil({"learn", "import", shared});
    EXPECT_TRUE(contains(twice.err, "imported 0 events")) << twice.err;
    auto r = other.vigil({"review", "--no-llm", "--format", "json"});
    EXPECT_EQ(r.exit_code, 0) << describe(r);
    EXPECT_TRUE(json::parse(r.out)["findings"].empty()) << r.out;
    std::ofstream(repo.path().parent_path() / "bad.jsonl") << "{\"not\": 1}\n";
    auto bad = other.vigil({"learn", "import", (repo.path().parent_path() / "bad.jsonl").string()});
    EXPECT_EQ(bad.exit_code, 2) << describe(bad);
    EXPECT_TRUE(contains(bad.err, "bad.jsonl:1: not a feedback record")) << bad.err;
}

TEST(E2eLearn, TheReviewGoesToTheModelWhoseFixesAreTakenMore) {
    TempRepo repo;
    calc_feature_branch(repo);
    fs::create_directories(repo.home() / "config" / "vigil");
    std::ofstream(repo.home() / "config" / "vigil" / "config.toml")
        << "[llm]\nmodel = \"model-a:7b\"\n[llm.roles.review]\nmodels = [\"model-a:7b\", "
           "\"model-b:7b\"]\n";
    FakeOllama fake;
    fake.add_model({.name = "model-a:7b"});
    fake.add_model({.name = "model-b:7b"});
    auto before = repo.vigil({"review", "--format", "json"}, model_env(repo, fake.host_port()));
    ASSERT_EQ(before.exit_code, 0) << describe(before);
    ASSERT_FALSE(fake.chat_requests().empty());
    EXPECT_TRUE(contains(fake.chat_requests().back().body, "\"model\":\"model-a:7b\""));

    // History: model-a's fixes were all dismissed, model-b's mostly taken.
    auto store = learn::Store::open(repo.path() / ".git" / "vigil");
    ASSERT_TRUE(store);
    auto run = store->begin_run("review", "history");
    for (int i = 0; i < 10; ++i) {
        core::Finding f;
        f.fingerprint = std::to_string(i) + std::string(63, 'c');
        f.rule_id = "model/bug";
        f.category = "bug";
        f.message = "Finding " + std::to_string(i);
        f.location.path = "calc.py";
        f.model = i < 5 ? "model-a:7b" : "model-b:7b";
        core::Suggestion g;
        g.fingerprint = f.fingerprint;
        g.path = "calc.py";
        g.base_id = std::string(40, 'a');
        g.diff = "diff";
        g.removed = "x\n";
        g.inserted = "y\n";
        ASSERT_TRUE(store->record_shown(*run, {f}, {g}));
        ASSERT_TRUE(store->record_event(f.fingerprint, i < 5 || i == 9 ? learn::Event::dismissed
                                                                       : learn::Event::applied));
    }
    auto after = repo.vigil({"review", "--format", "json", "--no-llm-cache"},
                            model_env(repo, fake.host_port()));
    ASSERT_EQ(after.exit_code, 0) << describe(after);
    EXPECT_TRUE(contains(fake.chat_requests().back().body, "\"model\":\"model-b:7b\""))
        << fake.chat_requests().back().body;
    EXPECT_TRUE(contains(after.err, "review model: model-b:7b (its fixes were taken 4 of 5"))
        << after.err;
}

TEST(E2eLearn, AHookRunNoticesAFixMadeByHand) {
    TempRepo repo;
    calc_feature_branch(repo);
    std::string id = reviewed_fix(repo);
    std::string fixed = with_guarded_division(k_calc_feature);
    repo.write("calc.py", fixed);
    repo.git({"add", "calc.py"});
    auto hook = repo.vigil({"hook", "run", "pre-commit"});
    EXPECT_EQ(hook.exit_code, 0) << describe(hook);
    auto store = learn::Store::open(repo.path() / ".git" / "vigil");
    ASSERT_TRUE(store);
    auto found = store->findings_with_prefix(id);
    ASSERT_EQ(found.size(), 1u);
    EXPECT_EQ(found[0].last_event, "landed");
}

} // namespace
} // namespace vigil::test
