// forge's HTTP helpers: GitHub's Link header, escaping, and a refused connection as an error
// that names the call.
#include <gtest/gtest.h>
#include <vigil/forge/http_client.hpp>

namespace vigil::forge {
namespace {

TEST(ForgeHttp, NextLinkFindsRelNextAnywhere) {
    EXPECT_EQ(next_link(R"(<https://api.github.com/x?page=2>; rel="next", )"
                        R"(<https://api.github.com/x?page=5>; rel="last")"),
              "https://api.github.com/x?page=2");
    EXPECT_EQ(next_link(R"(<https://a/x?page=1>; rel="prev", <https://a/x?page=3>; rel="next")"),
              "https://a/x?page=3");
    EXPECT_EQ(next_link(R"(<https://a/x?page=1>; rel="first")"), "");
    EXPECT_EQ(next_link(""), "");
}

TEST(ForgeHttp, UrlEscapeKeepsUnreservedOnly) {
    EXPECT_EQ(url_escape("group/sub project"), "group%2Fsub%20project");
    EXPECT_EQ(url_escape("a-b_c.d~1"), "a-b_c.d~1");
}

TEST(ForgeHttp, ARefusedConnectionNamesTheCallNotItsQueryOrHeaders) {
    // Port 1 on loopback: nothing listens there in a test environment.
    auto r = http_call({"GET",
                        "http://127.0.0.1:1/repos/a/b?access_token=x",
                        "",
                        {"Authorization: Bearer secret-token"}});
    ASSERT_FALSE(r);
    std::string text = r.error().describe();
    EXPECT_NE(text.find("GET http://127.0.0.1:1/repos/a/b"), std::string::npos) << text;
    EXPECT_EQ(text.find("access_token"), std::string::npos) << text;
    EXPECT_EQ(text.find("secret-token"), std::string::npos) << text;
}

} // namespace
} // namespace vigil::forge
