// Parse speed per language: parses each file given on the command line (or listed one per line
// on stdin) with the grammar vigil would pick, several times, and prints MB/s per language.
// Built by bench/syntax_bench.sh (target vigil_parse_bench, not part of the default build).
#include <chrono>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <map>
#include <sstream>
#include <string>
#include <vector>
#include <vigil/lang/grammar.hpp>
#include <vigil/lang/syntax.hpp>

namespace {

struct Totals {
    size_t files = 0;
    size_t bytes = 0;
    size_t with_errors = 0;
    double seconds = 0;
};

} // namespace

int main(int argc, char** argv) {
    std::vector<std::string> paths(argv + 1, argv + argc);
    if (paths.empty()) {
        for (std::string line; std::getline(std::cin, line);) {
            paths.push_back(line);
        }
    }
    constexpr int k_rounds = 3;
    std::map<std::string, Totals> by_language;
    for (const auto& path : paths) {
        std::ifstream in(path, std::ios::binary);
        std::ostringstream text;
        text << in.rdbuf();
        std::string content = text.str();
        std::string grammar(vigil::lang::grammar_for(path, content));
        if (grammar.empty() || content.empty()) {
            continue;
        }
        vigil::lang::ParseLimits limits{.max_bytes = 64u << 20, .time_budget_micros = 0};
        auto start = std::chrono::steady_clock::now();
        vigil::lang::SyntaxCheck check;
        for (int i = 0; i < k_rounds; ++i) {
            check = vigil::lang::syntax_errors(grammar, content, limits);
        }
        double seconds =
            std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
        Totals& t = by_language[grammar];
        ++t.files;
        t.bytes += content.size();
        t.with_errors += !check.errors.empty();
        t.seconds += seconds / k_rounds;
    }
    std::printf("| language | files | MB | parse ms | MB/s | ms per MB | files with errors |\n");
    std::printf("|---|---:|---:|---:|---:|---:|---:|\n");
    for (const auto& [name, t] : by_language) {
        double mb = double(t.bytes) / 1e6;
        std::printf("| %s | %zu | %.2f | %.1f | %.1f | %.1f | %zu |\n", name.c_str(), t.files, mb,
                    t.seconds * 1000, mb / t.seconds, t.seconds * 1000 / mb, t.with_errors);
    }
    return 0;
}
