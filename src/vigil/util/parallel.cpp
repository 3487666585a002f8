#include <atomic>
#include <condition_variable>
#include <deque>
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

struct TaskPool::State {
    std::mutex mutex;
    std::condition_variable changed;
    std::deque<Task> queue;
    size_t running = 0;
    std::exception_ptr failure;
};

void TaskPool::push(Task task) {
    if (!m_state) {
        m_initial.push_back(std::move(task));
        return;
    }
    {
        std::lock_guard lock(m_state->mutex);
        m_state->queue.push_front(std::move(task));
    }
    m_state->changed.notify_one();
}

void TaskPool::run(unsigned threads) {
    State state;
    for (auto& t : m_initial) {
        state.queue.push_back(std::move(t));
    }
    m_initial.clear();
    m_state = &state;
    auto work = [&](unsigned worker) {
        std::unique_lock lock(state.mutex);
        while (true) {
            state.changed.wait(
                lock, [&] { return state.failure || !state.queue.empty() || state.running == 0; });
            if (state.failure || state.queue.empty()) {
                state.changed.notify_all();
                return; // failed, or nothing queued and nothing running that could add more
            }
            Task task = std::move(state.queue.front());
            state.queue.pop_front();
            ++state.running;
            lock.unlock();
            try {
                task(worker);
            } catch (...) {
                lock.lock();
                if (!state.failure) {
                    state.failure = std::current_exception();
                }
                --state.running;
                continue;
            }
            lock.lock();
            --state.running;
            state.changed.notify_all();
        }
    };
    std::vector<std::thread> pool;
    for (unsigned w = 1; w < std::max(threads, 1u); ++w) {
        pool.emplace_back(work, w);
    }
    work(0);
    for (auto& t : pool) {
        t.join();
    }
    m_state = nullptr;
    if (state.failure) {
        std::rethrow_exception(state.failure);
    }
}

} // namespace vigil::util
