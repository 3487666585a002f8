// forge: which CI a run is in (GitHub Actions, GitLab CI), read from the variables the runner
// sets: what to review (a pull/merge request's base and head, or a push's before and after),
// where the forge's API is and whether a token may write comments there.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <vigil/util/error.hpp>

namespace vigil::forge {

enum class ForgeKind { github, gitlab };

struct CiContext {
    ForgeKind forge = ForgeKind::github;
    std::string event;            // GitHub's event name; GitLab's pipeline kind
    bool change_request = false;  // a pull request (GitHub) or merge request (GitLab)
    uint64_t number = 0;          // the PR number or the MR iid
    std::string base;             // review from here; empty: the head commit alone
    std::string head;             // the commit under review (never GitHub's test merge)
    bool from_merge_base = false; // review base...head (GitHub's base.sha is the branch tip)
    std::string repository;       // GitHub "owner/name"; GitLab project id
    std::string api_url;          // without a trailing '/'
    std::string token;            // empty: reports only
    std::string token_note;       // why no comments are posted, when token is empty
};

// Returns a variable's value, or null when unset or empty.
using EnvLookup = std::function<const char*(const char* name)>;

// The process environment (util::env_value).
EnvLookup process_env();

// Reads the CI context. Fails (usage) outside GitHub Actions and GitLab CI, and when a
// variable the forge always sets is missing; fails (runtime) when GitHub's event file cannot
// be read or parsed.
util::Expected<CiContext> detect_ci(const EnvLookup& env);

// "GitHub" or "GitLab".
std::string forge_name(ForgeKind kind);

} // namespace vigil::forge
