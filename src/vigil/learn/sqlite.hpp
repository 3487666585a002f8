// learn (module-private): a thin RAII layer over SQLite's C API — a connection and prepared
// statements with bound parameters — so store.cpp reads as SQL, not as error plumbing.
#pragma once

#include <cstdint>
#include <optional>
#include <sqlite3.h>
#include <string>
#include <string_view>
#include <vigil/util/error.hpp>

namespace vigil::learn::detail {

class Statement {
public:
    Statement(sqlite3* db, std::string_view sql);
    ~Statement();
    Statement(const Statement&) = delete;
    Statement& operator=(const Statement&) = delete;

    bool ok() const { return m_stmt != nullptr; }
    Statement& bind(int index, std::string_view text);
    Statement& bind(int index, int64_t value);
    // Steps once: true while a row is available. Errors end the steps (see error()).
    bool step();
    // Runs to the end; false on an error.
    bool run();
    std::string text(int column) const;
    int64_t integer(int column) const;
    const std::string& error() const { return m_error; }

private:
    sqlite3* m_db = nullptr;
    sqlite3_stmt* m_stmt = nullptr;
    std::string m_error;
};

// Executes SQL without results (several statements allowed); the error text, or nullopt.
std::optional<std::string> exec(sqlite3* db, std::string_view sql);

} // namespace vigil::learn::detail
