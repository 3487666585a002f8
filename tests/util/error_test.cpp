// util::Error and VIGIL_TRY.
#include <gtest/gtest.h>
#include <memory>
#include <string>
#include <vigil/util/error.hpp>

namespace vigil::util {
namespace {

TEST(Error, DescribeWithoutContextIsTheMessage) {
    Error e{ErrorKind::config, "bad rule", "fix it", {}};
    EXPECT_EQ(e.describe(), "bad rule");
}

TEST(Error, DescribeListsContextInOrder) {
    Error e{ErrorKind::runtime, "cannot read x", "", {}};
    e.with_context("loading rules");
    EXPECT_EQ(e.describe(), "cannot read x (while loading rules)");
    e.with_context("starting the scan");
    EXPECT_EQ(e.describe(), "cannot read x (while loading rules; while starting the scan)");
}

TEST(Error, HintIsNotPartOfDescribe) {
    Error e = std::move(Error{ErrorKind::usage, "no target", "", {}}.with_hint("pass --staged"));
    EXPECT_EQ(e.hint, "pass --staged");
    EXPECT_EQ(e.describe(), "no target");
}

TEST(Error, RvalueContextChains) {
    Error e = Error{ErrorKind::runtime, "m", "", {}}.with_context("a").with_context("b");
    EXPECT_EQ(e.context, (std::vector<std::string>{"a", "b"}));
}

TEST(Error, HelpersSetKindMessageAndHint) {
    Expected<int> u = usage_error("u", "hu");
    Expected<int> c = config_error("c");
    Expected<int> r = runtime_error("r", "hr");
    ASSERT_FALSE(u);
    ASSERT_FALSE(c);
    ASSERT_FALSE(r);
    EXPECT_EQ(u.error().kind, ErrorKind::usage);
    EXPECT_EQ(u.error().message, "u");
    EXPECT_EQ(u.error().hint, "hu");
    EXPECT_EQ(c.error().kind, ErrorKind::config);
    EXPECT_TRUE(c.error().hint.empty());
    EXPECT_EQ(r.error().kind, ErrorKind::runtime);
    EXPECT_TRUE(r.error().context.empty());
    EXPECT_EQ(Error{}.kind, ErrorKind::runtime);
}

// --- VIGIL_TRY ------------------------------------------------------------------------------

Expected<int> number(bool ok, int* calls = nullptr) {
    if (calls) {
        ++*calls;
    }
    if (!ok) {
        return config_error("no number", "give one");
    }
    return 41;
}

Expected<void> check(bool ok) {
    if (!ok) {
        return usage_error("check failed");
    }
    return {};
}

Expected<int> plus_one(bool ok, int* calls = nullptr) {
    int n = VIGIL_TRY(number(ok, calls));
    return n + 1;
}

Expected<std::string> as_text(bool ok) {
    // The outer value type differs from the inner one.
    int n = VIGIL_TRY(number(ok));
    return std::to_string(n);
}

Expected<int> after_check(bool ok, bool* reached) {
    VIGIL_TRY(check(ok));
    *reached = true;
    return 7;
}

Expected<void> void_after_void(bool ok, bool* reached) {
    VIGIL_TRY(check(ok));
    *reached = true;
    return {};
}

Expected<std::unique_ptr<std::string>> make_owned(bool ok) {
    if (!ok) {
        return runtime_error("no object");
    }
    return std::make_unique<std::string>(std::string(100, 'x')); // heap-allocated contents
}

Expected<size_t> owned_size(bool ok) {
    std::unique_ptr<std::string> p = VIGIL_TRY(make_owned(ok));
    return p->size();
}

Expected<std::string> long_text() {
    return std::string(1000, 'y');
}

Expected<std::string> copy_long_text() {
    std::string s = VIGIL_TRY(long_text());
    return s;
}

TEST(VigilTry, ExpectedValueYieldsTheValue) {
    int calls = 0;
    auto r = plus_one(true, &calls);
    ASSERT_TRUE(r);
    EXPECT_EQ(*r, 42);
    EXPECT_EQ(calls, 1); // the expression is evaluated once
    auto t = as_text(true);
    ASSERT_TRUE(t);
    EXPECT_EQ(*t, "41");
}

TEST(VigilTry, ExpectedValuePropagatesTheErrorUnchanged) {
    int calls = 0;
    auto r = plus_one(false, &calls);
    ASSERT_FALSE(r);
    EXPECT_EQ(calls, 1);
    EXPECT_EQ(r.error().kind, ErrorKind::config);
    EXPECT_EQ(r.error().message, "no number");
    EXPECT_EQ(r.error().hint, "give one");
    auto t = as_text(false);
    ASSERT_FALSE(t);
    EXPECT_EQ(t.error().message, "no number");
}

TEST(VigilTry, ExpectedVoidContinuesOrReturns) {
    bool reached = false;
    auto ok = after_check(true, &reached);
    ASSERT_TRUE(ok);
    EXPECT_EQ(*ok, 7);
    EXPECT_TRUE(reached);

    reached = false;
    auto failed = after_check(false, &reached);
    ASSERT_FALSE(failed);
    EXPECT_FALSE(reached);
    EXPECT_EQ(failed.error().kind, ErrorKind::usage);
    EXPECT_EQ(failed.error().message, "check failed");

    reached = false;
    EXPECT_TRUE(void_after_void(true, &reached));
    EXPECT_TRUE(reached);
    reached = false;
    auto v = void_after_void(false, &reached);
    ASSERT_FALSE(v);
    EXPECT_FALSE(reached);
    EXPECT_EQ(v.error().message, "check failed");
}

TEST(VigilTry, MoveOnlyAndHeapValuesSurviveTheMacro) {
    auto size = owned_size(true);
    ASSERT_TRUE(size);
    EXPECT_EQ(*size, 100u);
    auto failed = owned_size(false);
    ASSERT_FALSE(failed);
    EXPECT_EQ(failed.error().message, "no object");
    auto text = copy_long_text();
    ASSERT_TRUE(text);
    EXPECT_EQ(*text, std::string(1000, 'y'));
}

} // namespace
} // namespace vigil::util
