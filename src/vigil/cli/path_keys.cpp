#include "path_keys.hpp"

#include <filesystem>

namespace vigil::cli {
namespace fs = std::filesystem;

namespace {

// As git::read_paths shows a path: normalised, with "/" and without a leading "./".
std::string shown_form(const std::string& path) {
    std::string s = fs::path(path).lexically_normal().generic_string();
    while (s.starts_with("./")) {
        s.erase(0, 2);
    }
    if (s == "." || s == "./") {
        return "";
    }
    while (s.size() > 1 && s.ends_with('/')) {
        s.pop_back();
    }
    return s;
}

} // namespace

PathKeys::PathKeys(const std::vector<std::string>& args, const std::string& top) {
    if (top.empty()) {
        return;
    }
    std::error_code ec;
    fs::path canonical_top = fs::weakly_canonical(top, ec);
    for (const auto& arg : args) {
        fs::path canonical = fs::weakly_canonical(arg, ec);
        if (ec) {
            continue;
        }
        std::string relative = canonical.lexically_relative(canonical_top).generic_string();
        if (relative.empty() || relative.starts_with("..")) {
            continue; // outside the repository: shown as typed
        }
        if (relative == ".") {
            relative.clear();
            m_covers_top = true;
        }
        m_args.push_back({shown_form(arg), relative});
    }
}

std::string PathKeys::key(const std::string& shown) const {
    for (const auto& a : m_args) {
        std::string rest;
        if (a.shown_prefix.empty()) {
            if (shown.starts_with("/") || shown.starts_with("../")) {
                continue;
            }
            rest = shown;
        } else if (shown == a.shown_prefix) {
            rest.clear();
        } else if (shown.size() > a.shown_prefix.size() && shown.starts_with(a.shown_prefix) &&
                   (shown[a.shown_prefix.size()] == '/' || a.shown_prefix.ends_with('/'))) {
            rest = shown.substr(a.shown_prefix.size() + (a.shown_prefix.ends_with('/') ? 0 : 1));
        } else {
            continue;
        }
        if (a.key_prefix.empty()) {
            return rest;
        }
        return rest.empty() ? a.key_prefix : a.key_prefix + "/" + rest;
    }
    return shown;
}

} // namespace vigil::cli
