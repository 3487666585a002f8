#include <atomic>
#include <exception>
#include <mutex>
#include <thread>
#include <vector>
#include <vigil/util/parallel.hpp>

namespace vigil::util {

unsigned default_thread_count() {
    unsigned n = std::thread::hardware_concurrency();
    return n == 0 ? 1 : n;
}

void parallel_for(size_t count, unsigned threads,
                  const std::function<void(unsigned worker, size_t item)>& work) {
    if (threads <= 1 || count <= 1) {
        for (size_t i = 0; i < count; ++i) {
            work(0, i);
        }
        return;
    }
    std::atomic<size_t> next{0};
    std::atomic<bool> stop{false};
    std::exception_ptr failure;
    std::mutex failure_mutex;
    auto run = [&](unsigned worker) {
        while (!stop.load(std::memory_order_relaxed)) {
            size_t item = next.fetch_add(1);
            if (item >= count) {
                return;
            }
            try {
                work(worker, item);
            } catch (...) {
                std::lock_guard lock(failure_mutex);
                if (!failure) {
                    failure = std::current_exception();
                }
                stop = true;
            }
        }
    };
    std::vector<std::thread> pool;
    unsigned n = unsigned(std::min<size_t>(threads, count));
    for (unsigned w = 1; w < n; ++w) {
        pool.emplace_back(run, w);
    }
    run(0);
    for (auto& t : pool) {
        t.join();
    }
    if (failure) {
        std::rethrow_exception(failure);
    }
}

} // namespace vigil::util
