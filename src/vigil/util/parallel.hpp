// util: run work items on a few threads. The only threading primitive vigil needs so far.
#pragma once

#include <cstddef>
#include <functional>

namespace vigil::util {

// Number of worker threads to use by default: the machine's cores, at least 1.
unsigned default_thread_count();

// Calls work(worker_index, item) for every item in [0, count), spread over `threads` threads
// (items are taken in increasing order). work must be thread-safe. The first exception thrown
// by any call stops the remaining items and is rethrown here after all threads have joined.
void parallel_for(size_t count, unsigned threads,
                  const std::function<void(unsigned worker, size_t item)>& work);

} // namespace vigil::util
