// parallel_for: every item once, exceptions propagate after the workers stop.
#include <atomic>
#include <gtest/gtest.h>
#include <memory>
#include <stdexcept>
#include <thread>
#include <vector>
#include <vigil/util/error.hpp>
#include <vigil/util/parallel.hpp>

namespace vigil::util {
namespace {

TEST(Parallel, DefaultThreadCountIsAtLeastOne) {
    EXPECT_GE(default_thread_count(), 1u);
}

TEST(Parallel, EveryItemIsVisitedExactlyOnce) {
    for (unsigned threads : {2u, 3u, 8u, 64u}) {
        const size_t count = 5000;
        std::vector<std::atomic<int>> visits(count);
        std::atomic<unsigned> max_worker{0};
        parallel_for(count, threads, [&](unsigned worker, size_t item) {
            visits[item].fetch_add(1);
            unsigned seen = max_worker.load();
            while (worker > seen && !max_worker.compare_exchange_weak(seen, worker)) {
            }
        });
        for (size_t i = 0; i < count; ++i) {
            ASSERT_EQ(visits[i].load(), 1) << "item " << i << " with " << threads << " threads";
        }
        EXPECT_LT(max_worker.load(), threads);
    }
}

TEST(Parallel, MoreThreadsThanItems) {
    std::vector<std::atomic<int>> visits(3);
    std::atomic<unsigned> max_worker{0};
    parallel_for(3, 16, [&](unsigned worker, size_t item) {
        visits[item].fetch_add(1);
        unsigned seen = max_worker.load();
        while (worker > seen && !max_worker.compare_exchange_weak(seen, worker)) {
        }
    });
    for (auto& v : visits) {
        EXPECT_EQ(v.load(), 1);
    }
    EXPECT_LT(max_worker.load(), 3u); // no more workers than items
}

TEST(Parallel, SingleThreadRunsInOrderOnTheCallingThread) {
    for (unsigned threads : {0u, 1u}) {
        std::vector<size_t> order;
        auto caller = std::this_thread::get_id();
        parallel_for(6, threads, [&](unsigned worker, size_t item) {
            EXPECT_EQ(worker, 0u);
            EXPECT_EQ(std::this_thread::get_id(), caller);
            order.push_back(item);
        });
        EXPECT_EQ(order, (std::vector<size_t>{0, 1, 2, 3, 4, 5}));
    }
}

TEST(Parallel, NoItemsNoCalls) {
    int calls = 0;
    parallel_for(0, 4, [&](unsigned, size_t) { ++calls; });
    parallel_for(0, 1, [&](unsigned, size_t) { ++calls; });
    EXPECT_EQ(calls, 0);
}

TEST(Parallel, ExceptionPropagatesFromTheSingleThreadPathAndStopsThere) {
    std::vector<size_t> seen;
    EXPECT_THROW(parallel_for(10, 1,
                              [&](unsigned, size_t item) {
                                  seen.push_back(item);
                                  if (item == 3) {
                                      throw std::runtime_error("item 3");
                                  }
                              }),
                 std::runtime_error);
    EXPECT_EQ(seen, (std::vector<size_t>{0, 1, 2, 3}));
}

TEST(Parallel, ExceptionPropagatesAfterAllWorkersHaveJoined) {
    std::atomic<int> running{0};
    std::atomic<size_t> calls{0};
    try {
        parallel_for(10000, 4, [&](unsigned, size_t item) {
            running.fetch_add(1);
            calls.fetch_add(1);
            if (item == 37) {
                running.fetch_sub(1);
                throw std::runtime_error("item 37 failed");
            }
            running.fetch_sub(1);
        });
        FAIL() << "expected an exception";
    } catch (const std::runtime_error& e) {
        EXPECT_STREQ(e.what(), "item 37 failed");
    }
    // Every worker has returned: nothing is still running, nothing starts later.
    EXPECT_EQ(running.load(), 0);
    size_t after = calls.load();
    EXPECT_GE(after, 38u);
    std::this_thread::yield();
    EXPECT_EQ(calls.load(), after);
}

TEST(Parallel, AbortCarriesItsErrorThroughThreads) {
    try {
        parallel_for(100, 3, [](unsigned, size_t item) {
            if (item == 50) {
                throw Abort{Error{ErrorKind::runtime, "cannot read commit", "", {}}};
            }
        });
        FAIL() << "expected Abort";
    } catch (const Abort& abort) {
        EXPECT_EQ(abort.error.message, "cannot read commit");
        EXPECT_EQ(abort.error.kind, ErrorKind::runtime);
    }
}

TEST(Parallel, OnlyOneExceptionIsRethrownWhenSeveralItemsFail) {
    std::atomic<int> thrown{0};
    EXPECT_THROW(parallel_for(1000, 4,
                              [&](unsigned, size_t) {
                                  thrown.fetch_add(1);
                                  throw std::logic_error("every item fails");
                              }),
                 std::logic_error);
    EXPECT_GE(thrown.load(), 1);
}

} // namespace
} // namespace vigil::util
