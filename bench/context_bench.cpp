// Code context extraction in process, without vigil's start-up and diff reading: reads the
// staged change of the repository at argv[1] once, then times lang::change_context (read every
// changed file's new text from its blob, parse, outline, symbol index, hunk contexts) RUNS
// times on one thread and prints the fastest and the median run, with the bytes parsed.
// Built by bench/syntax_bench.sh (target vigil_context_bench, not part of the default build).
#include <algorithm>
#include <chrono>
#include <iostream>
#include <vector>
#include <vigil/git/blobs.hpp>
#include <vigil/git/repository.hpp>
#include <vigil/git/sources.hpp>
#include <vigil/lang/context.hpp>

int main(int argc, char** argv) {
    if (argc < 2) {
        std::cerr << "usage: vigil_context_bench REPO [RUNS]\n";
        return 2;
    }
    int runs = argc > 2 ? std::max(1, std::atoi(argv[2])) : 20;
    auto repo = vigil::git::Repository::open({argv[1], false});
    if (!repo) {
        std::cerr << repo.error().message << '\n';
        return 3;
    }
    auto changes = vigil::git::read_staged(*repo, {});
    if (!changes) {
        std::cerr << changes.error().message << '\n';
        return 3;
    }
    size_t bytes = 0;
    vigil::core::TextSource text =
        [&](const vigil::core::FileChange& f) -> std::optional<std::string> {
        auto blob = vigil::git::read_blob(*repo, f.new_id);
        if (blob) {
            bytes += blob->size();
            return std::move(*blob);
        }
        return std::nullopt;
    };
    std::vector<double> ms;
    size_t hunks = 0;
    for (int i = 0; i < runs; ++i) {
        bytes = 0;
        auto start = std::chrono::steady_clock::now();
        auto context = vigil::lang::change_context(*changes, text);
        ms.push_back(
            std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start)
                .count());
        hunks = 0;
        for (const auto& f : context) {
            hunks += f.hunks.size();
        }
    }
    std::sort(ms.begin(), ms.end());
    std::cout << "| " << changes->files.size() << " | " << hunks << " | " << bytes / 1024
              << " KiB | " << ms.front() << " | " << ms[ms.size() / 2] << " |\n";
    return 0;
}
