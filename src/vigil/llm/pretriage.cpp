#include <algorithm>
#include <array>
#include <vigil/llm/pretriage.hpp>
#include <vigil/util/text.hpp>

namespace vigil::llm {
namespace {

constexpr std::array k_lock_files = {
    "package-lock.json", "npm-shrinkwrap.json", "yarn.lock",    "pnpm-lock.yaml",  "bun.lockb",
    "Cargo.lock",        "poetry.lock",         "Pipfile.lock", "uv.lock",         "pdm.lock",
    "composer.lock",     "Gemfile.lock",        "go.sum",       "mix.lock",        "pubspec.lock",
    "flake.lock",        "packages.lock.json",  "Podfile.lock", "gradle.lockfile", "conan.lock"};
constexpr std::array k_generated_suffixes = {
    ".min.js", ".min.css", ".js.map", ".css.map", "_pb2.py",      "_pb2_grpc.py",
    ".pb.go",  ".pb.cc",   ".pb.h",   ".g.dart",  ".designer.cs", ".generated.cs"};
// Prose, not code: the review model's categories (bug, security, ...) have nothing to say about it.
constexpr std::array k_doc_extensions = {"md", "markdown", "rst", "txt", "adoc", "asciidoc"};
constexpr std::array k_doc_names = {"LICENSE",   "COPYING", "NOTICE", "AUTHORS",
                                    "CHANGELOG", "CHANGES", "HISTORY"};
constexpr std::array k_vendored_dirs = {
    "vendor", "third_party", "third-party", "node_modules", "bower_components", "Pods", "external"};

std::string_view base_name(std::string_view path) {
    auto slash = path.rfind('/');
    return slash == std::string_view::npos ? path : path.substr(slash + 1);
}

std::string_view extension(std::string_view path) {
    std::string_view name = base_name(path);
    auto dot = name.rfind('.');
    return dot == std::string_view::npos ? std::string_view{} : name.substr(dot + 1);
}

bool in_vendored_dir(std::string_view path) {
    size_t start = 0;
    while (true) {
        size_t slash = path.find('/', start);
        if (slash == std::string_view::npos) {
            return false; // the last component is the file itself
        }
        std::string_view dir = path.substr(start, slash - start);
        for (const char* v : k_vendored_dirs) {
            if (dir == v) {
                return true;
            }
        }
        start = slash + 1;
    }
}

// Generated files announce themselves near the top ("Code generated ... DO NOT EDIT.",
// "@generated"); look at the first added lines of the first hunk.
bool marked_generated(const core::FileChange& file) {
    if (file.hunks.empty() || file.hunks[0].new_start > 5) {
        return false;
    }
    int seen = 0;
    for (const auto& line : file.hunks[0].lines) {
        if (line.new_lineno == 0 || ++seen > 5) {
            continue;
        }
        std::string_view t = line.text();
        if (t.find("DO NOT EDIT") != std::string_view::npos ||
            t.find("@generated") != std::string_view::npos) {
            return true;
        }
    }
    return false;
}

std::string_view trim(std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) {
        s.remove_prefix(1);
    }
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) {
        s.remove_suffix(1);
    }
    return s;
}

std::vector<std::string_view> comment_prefixes(std::string_view path) {
    std::string ext = util::to_lower_ascii(extension(path));
    std::string_view name = base_name(path);
    static const std::array c_like = {"c",    "h",    "cc",    "cpp", "cxx",   "hpp",    "hh",
                                      "java", "js",   "mjs",   "cjs", "ts",    "jsx",    "tsx",
                                      "go",   "rs",   "swift", "kt",  "kts",   "cs",     "scala",
                                      "php",  "dart", "m",     "mm",  "proto", "groovy", "zig"};
    static const std::array hash = {"py",   "rb",  "sh", "bash", "zsh",   "yaml", "yml",
                                    "toml", "pl",  "pm", "r",    "cmake", "conf", "cfg",
                                    "ini",  "ps1", "tf", "nix",  "el",    "jl"};
    for (const char* e : c_like) {
        if (ext == e) {
            return {"//", "/*", "* ", "*/"};
        }
    }
    for (const char* e : hash) {
        if (ext == e) {
            return {"#"};
        }
    }
    if (name == "Makefile" || name == "Dockerfile" || name == "CMakeLists.txt" ||
        name.starts_with("Dockerfile.")) {
        return {"#"};
    }
    if (ext == "sql" || ext == "lua" || ext == "hs" || ext == "elm") {
        return {"--"};
    }
    if (ext == "lisp" || ext == "clj" || ext == "scm" || ext == "asm" || ext == "s") {
        return {";"};
    }
    if (ext == "html" || ext == "xml" || ext == "svg" || ext == "vue") {
        return {"<!--"};
    }
    return {};
}

bool is_comment(std::string_view text, const std::vector<std::string_view>& prefixes) {
    std::string_view t = trim(text);
    if (t == "*") {
        return std::find(prefixes.begin(), prefixes.end(), "* ") != prefixes.end();
    }
    return std::any_of(prefixes.begin(), prefixes.end(),
                       [&](std::string_view p) { return t.starts_with(p); });
}

// The changed text of one side with all whitespace removed.
std::string squeezed(const core::Hunk& hunk, core::LineKind kind) {
    std::string out;
    for (const auto& line : hunk.lines) {
        if (line.kind != kind) {
            continue;
        }
        for (char c : line.content) {
            if (c != ' ' && c != '\t' && c != '\r' && c != '\n' && c != '\f' && c != '\v') {
                out += c;
            }
        }
    }
    return out;
}

} // namespace

std::optional<std::string> file_skip_reason(const core::FileChange& file) {
    std::string_view path = file.path();
    std::string_view name = base_name(path);
    if (file.status == core::FileStatus::deleted) {
        return "deleted file";
    }
    if (file.new_mode == core::FileMode::submodule || file.new_mode == core::FileMode::symlink) {
        return "not a regular file";
    }
    for (const char* lock : k_lock_files) {
        if (name == lock) {
            return "lock file";
        }
    }
    for (const char* suffix : k_generated_suffixes) {
        if (name.ends_with(suffix)) {
            return "generated file";
        }
    }
    if (in_vendored_dir(path)) {
        return "vendored file";
    }
    std::string ext = util::to_lower_ascii(extension(path));
    std::string_view stem = name.substr(0, name.find('.'));
    if (std::find(k_doc_extensions.begin(), k_doc_extensions.end(), ext) !=
            k_doc_extensions.end() ||
        std::find(k_doc_names.begin(), k_doc_names.end(), stem) != k_doc_names.end()) {
        return "documentation";
    }
    if (file.hunks.empty()) {
        return "no text changes (binary, empty or mode only)";
    }
    if (marked_generated(file)) {
        return "generated file";
    }
    return std::nullopt;
}

std::optional<std::string> hunk_skip_reason(std::string_view path, const core::Hunk& hunk) {
    bool added = std::any_of(hunk.lines.begin(), hunk.lines.end(),
                             [](const core::Line& l) { return l.kind == core::LineKind::added; });
    if (!added) {
        return "pure deletion";
    }
    if (squeezed(hunk, core::LineKind::added) == squeezed(hunk, core::LineKind::removed)) {
        return "whitespace-only change";
    }
    auto prefixes = comment_prefixes(path);
    if (prefixes.empty()) {
        return std::nullopt;
    }
    for (const auto& line : hunk.lines) {
        if (line.kind != core::LineKind::context && !trim(line.text()).empty() &&
            !is_comment(line.text(), prefixes)) {
            return std::nullopt;
        }
    }
    return "comment-only change";
}

Pretriage pretriage(const core::ChangeSet& changes) {
    Pretriage out;
    for (const auto& s : changes.skipped) {
        out.skipped.push_back({s.path, std::nullopt, s.reason});
    }
    for (size_t f = 0; f < changes.files.size(); ++f) {
        const core::FileChange& file = changes.files[f];
        if (auto why = file_skip_reason(file)) {
            out.skipped.push_back({file.path(), std::nullopt, *why});
            continue;
        }
        for (size_t h = 0; h < file.hunks.size(); ++h) {
            if (auto why = hunk_skip_reason(file.path(), file.hunks[h])) {
                out.skipped.push_back({file.path(), h, *why});
            } else {
                out.review.push_back({f, h});
            }
        }
    }
    return out;
}

} // namespace vigil::llm
