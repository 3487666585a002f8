// util: the error type every fallible vigil function returns, and helpers for std::expected.
#pragma once

#include <expected>
#include <string>
#include <utility>
#include <vector>

namespace vigil::util {

// What kind of failure an Error is; the CLI maps it to the documented exit code
// (usage and config -> 2, runtime -> 3).
enum class ErrorKind { usage, config, runtime };

// An expected failure: what failed (message), where and while doing what (context, outermost
// last), and what to do next (hint, may be empty).
struct Error {
    ErrorKind kind = ErrorKind::runtime;
    std::string message;
    std::string hint;
    std::vector<std::string> context;

    // Adds "while <what>" to the chain; returns *this for chaining.
    Error& with_context(std::string what) &;
    Error&& with_context(std::string what) &&;
    Error&& with_hint(std::string text) &&;

    // One line: "message (while a; while b)"; the hint is separate.
    std::string describe() const;
};

template <class T> using Expected = std::expected<T, Error>;

inline std::unexpected<Error> fail(ErrorKind kind, std::string message, std::string hint = {}) {
    return std::unexpected(Error{kind, std::move(message), std::move(hint), {}});
}

inline std::unexpected<Error> usage_error(std::string message, std::string hint = {}) {
    return fail(ErrorKind::usage, std::move(message), std::move(hint));
}

inline std::unexpected<Error> config_error(std::string message, std::string hint = {}) {
    return fail(ErrorKind::config, std::move(message), std::move(hint));
}

inline std::unexpected<Error> runtime_error(std::string message, std::string hint = {}) {
    return fail(ErrorKind::runtime, std::move(message), std::move(hint));
}

// Thrown only to abort a run from deep inside (e.g. a worker thread); caught once in cli::run.
struct Abort {
    Error error;
};

namespace detail {
// Any error type, so modules with a richer error (llm::LlmError) can use VIGIL_TRY too.
template <class T, class E> T&& take_value(std::expected<T, E>& result) {
    return std::move(*result);
}
template <class E> void take_value(std::expected<void, E>&) {}
} // namespace detail

} // namespace vigil::util

// Evaluates an Expected expression; on failure returns its error from the enclosing function,
// otherwise yields the value. (GNU statement expression; GCC is our compiler.)
#define VIGIL_TRY(expr)                                                                            \
    ({                                                                                             \
        auto vigil_try_result_ = (expr);                                                           \
        if (!vigil_try_result_) {                                                                  \
            return std::unexpected(std::move(vigil_try_result_.error()));                          \
        }                                                                                          \
        ::vigil::util::detail::take_value(vigil_try_result_);                                      \
    })
