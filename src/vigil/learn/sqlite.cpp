#include "sqlite.hpp"

namespace vigil::learn::detail {

Statement::Statement(sqlite3* db, std::string_view sql) : m_db(db) {
    if (sqlite3_prepare_v2(db, sql.data(), int(sql.size()), &m_stmt, nullptr) != SQLITE_OK) {
        m_error = sqlite3_errmsg(db);
        m_stmt = nullptr;
    }
}

Statement::~Statement() {
    sqlite3_finalize(m_stmt);
}

Statement& Statement::bind(int index, std::string_view text) {
    if (m_stmt) {
        // An empty view may have no data pointer, which SQLite would bind as NULL.
        sqlite3_bind_text(m_stmt, index, text.data() ? text.data() : "", int(text.size()),
                          SQLITE_TRANSIENT);
    }
    return *this;
}

Statement& Statement::bind(int index, int64_t value) {
    if (m_stmt) {
        sqlite3_bind_int64(m_stmt, index, value);
    }
    return *this;
}

bool Statement::step() {
    if (!m_stmt) {
        return false;
    }
    int rc = sqlite3_step(m_stmt);
    if (rc == SQLITE_ROW) {
        return true;
    }
    if (rc != SQLITE_DONE) {
        m_error = sqlite3_errmsg(m_db);
    }
    return false;
}

bool Statement::run() {
    while (step()) {
    }
    return ok() && m_error.empty();
}

std::string Statement::text(int column) const {
    const unsigned char* t = sqlite3_column_text(m_stmt, column);
    return t ? std::string(reinterpret_cast<const char*>(t),
                           size_t(sqlite3_column_bytes(m_stmt, column)))
             : std::string();
}

int64_t Statement::integer(int column) const {
    return sqlite3_column_int64(m_stmt, column);
}

std::optional<std::string> exec(sqlite3* db, std::string_view sql) {
    char* message = nullptr;
    std::string text(sql);
    if (sqlite3_exec(db, text.c_str(), nullptr, nullptr, &message) == SQLITE_OK) {
        return std::nullopt;
    }
    std::string error = message ? message : sqlite3_errmsg(db);
    sqlite3_free(message);
    return error;
}

} // namespace vigil::learn::detail
