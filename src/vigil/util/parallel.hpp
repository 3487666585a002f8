// util: run work items on a few threads. The only threading primitive vigil needs so far.
#pragma once

#include <cstddef>
#include <functional>
#include <vector>

namespace vigil::util {

// Number of worker threads to use by default: the machine's cores, at least 1.
unsigned default_thread_count();

// Calls work(worker_index, item) for every item in [0, count), spread over `threads` threads
// (items are taken in increasing order). work must be thread-safe. The first exception thrown
// by any call stops the remaining items and is rethrown here after all threads have joined.
void parallel_for(size_t count, unsigned threads,
                  const std::function<void(unsigned worker, size_t item)>& work);

// A pool of tasks on a few threads, where a task may add more tasks (e.g. split itself).
// Tasks added while running go to the front, so the pieces of a split task are taken next.
class TaskPool {
public:
    using Task = std::function<void(unsigned worker)>;

    // Thread-safe; may be called from inside a task.
    void push(Task task);

    // Runs every task, including those added meanwhile, on `threads` threads; returns when
    // none is left. The first exception thrown by a task stops the pool and is rethrown here.
    void run(unsigned threads);

private:
    struct State;
    State* m_state = nullptr; // set only while run() is running
    std::vector<Task> m_initial;
};

} // namespace vigil::util
