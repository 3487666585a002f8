#include "sqlite.hpp"

#include <chrono>
#include <ctime>
#include <vigil/learn/store.hpp>

namespace vigil::learn {
namespace {

namespace fs = std::filesystem;
using detail::exec;
using detail::Statement;

// Each entry moves the schema one version up; applied in order inside one transaction.
constexpr std::string_view k_migrations[] = {
    // 1: runs, findings shown, suggestions shown, events.
    R"(CREATE TABLE runs(id INTEGER PRIMARY KEY, started TEXT NOT NULL, command TEXT NOT NULL,
                         target TEXT NOT NULL);
       CREATE TABLE findings(fingerprint TEXT PRIMARY KEY, rule_id TEXT NOT NULL,
                             category TEXT NOT NULL, path TEXT NOT NULL, message TEXT NOT NULL,
                             first_run INTEGER NOT NULL, last_run INTEGER NOT NULL);
       CREATE TABLE suggestions(id INTEGER PRIMARY KEY, fingerprint TEXT NOT NULL,
                                base_id TEXT NOT NULL, rule_id TEXT NOT NULL, path TEXT NOT NULL,
                                patch_path TEXT NOT NULL, new_id TEXT NOT NULL,
                                mode INTEGER NOT NULL, start_line INTEGER NOT NULL,
                                end_line INTEGER NOT NULL, removed TEXT NOT NULL,
                                inserted TEXT NOT NULL, diff TEXT NOT NULL,
                                description TEXT NOT NULL, safe INTEGER NOT NULL,
                                run INTEGER NOT NULL, UNIQUE(fingerprint, base_id));
       CREATE TABLE events(id INTEGER PRIMARY KEY, fingerprint TEXT NOT NULL, kind TEXT NOT NULL,
                           reason TEXT NOT NULL, run INTEGER NOT NULL, at TEXT NOT NULL);
       CREATE INDEX events_by_fingerprint ON events(fingerprint, kind);)",
    // 2: the message shape, to tell findings of the same kind (suppression after dismissals).
    R"(ALTER TABLE findings ADD COLUMN shape TEXT NOT NULL DEFAULT '';
       CREATE INDEX findings_by_shape ON findings(category, shape);)",
    // 3: the model that reported a finding (routing by acceptance).
    R"(ALTER TABLE findings ADD COLUMN model TEXT NOT NULL DEFAULT '';)",
};

std::string utc_now() {
    std::time_t now = std::time(nullptr);
    char buf[32];
    std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", std::gmtime(&now));
    return buf;
}

struct Closer {
    void operator()(sqlite3* db) const { sqlite3_close_v2(db); }
};
using DbPtr = std::unique_ptr<sqlite3, Closer>;

// Opens the file and checks it is a database SQLite can read; nullopt with `why` otherwise.
DbPtr open_checked(const fs::path& file, std::string& why) {
    sqlite3* raw = nullptr;
    int rc =
        sqlite3_open_v2(file.c_str(), &raw, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nullptr);
    DbPtr db(raw);
    if (rc != SQLITE_OK) {
        why = raw ? sqlite3_errmsg(raw) : "out of memory";
        return nullptr;
    }
    // Two hooks at once: writers wait for each other instead of failing.
    sqlite3_busy_timeout(db.get(), 10000);
    if (auto e = exec(db.get(), "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;")) {
        why = *e;
        return nullptr;
    }
    Statement check(db.get(), "PRAGMA quick_check");
    if (!check.step() || check.text(0) != "ok") {
        why = check.error().empty() ? "quick_check: " + check.text(0) : check.error();
        return nullptr;
    }
    return db;
}

std::optional<std::string> migrate(sqlite3* db, int& version) {
    if (auto e = exec(db, "BEGIN IMMEDIATE")) {
        return e;
    }
    Statement v(db, "PRAGMA user_version");
    version = v.step() ? int(v.integer(0)) : 0;
    for (int next = version; next < int(std::size(k_migrations)); ++next) {
        if (auto e = exec(db, k_migrations[next])) {
            exec(db, "ROLLBACK");
            return e;
        }
        version = next + 1;
    }
    exec(db, "PRAGMA user_version=" + std::to_string(version));
    if (auto e = exec(db, "COMMIT")) {
        return e;
    }
    return std::nullopt;
}

bool has_secret_in(const core::Finding& f) {
    return f.has_secret() || !f.line_secrets.empty();
}

} // namespace

struct Store::Impl {
    DbPtr db;
    std::vector<std::string> warnings;
    int version = 0;
};

std::string_view to_string(Event event) {
    switch (event) {
    case Event::shown:
        return "shown";
    case Event::applied:
        return "applied";
    case Event::dismissed:
        return "dismissed";
    case Event::landed:
        return "landed";
    case Event::reverted:
        return "reverted";
    }
    return "shown";
}

Store::Store(std::unique_ptr<Impl> impl) : m_impl(std::move(impl)) {}
Store::Store(Store&&) noexcept = default;
Store& Store::operator=(Store&&) noexcept = default;
Store::~Store() = default;

util::Expected<Store> Store::open(const fs::path& dir) {
    std::error_code ec;
    fs::create_directories(dir, ec);
    fs::path file = dir / k_store_file;
    auto impl = std::make_unique<Impl>();
    std::string why;
    impl->db = open_checked(file, why);
    if (!impl->db) {
        std::string aside = file.string() + ".corrupt-" + std::to_string(std::time(nullptr));
        fs::rename(file, aside, ec);
        for (const char* side : {"-wal", "-shm"}) {
            fs::rename(file.string() + side, aside + side, ec);
        }
        impl->warnings.push_back("the feedback store " + file.string() + " could not be read (" +
                                 why + "); moved it to " + aside + " and started a new one");
        impl->db = open_checked(file, why);
        if (!impl->db) {
            return util::runtime_error("cannot create the feedback store " + file.string() + ": " +
                                       why);
        }
    }
    if (auto e = migrate(impl->db.get(), impl->version)) {
        return util::runtime_error("cannot set up the feedback store " + file.string() + ": " + *e);
    }
    return Store(std::move(impl));
}

const std::vector<std::string>& Store::warnings() const {
    return m_impl->warnings;
}

int Store::schema_version() const {
    return m_impl->version;
}

util::Expected<int64_t> Store::begin_run(std::string_view command, std::string_view target) {
    Statement s(m_impl->db.get(), "INSERT INTO runs(started, command, target) VALUES(?, ?, ?)");
    s.bind(1, utc_now()).bind(2, command).bind(3, target);
    if (!s.run()) {
        return util::runtime_error("feedback store: " + s.error());
    }
    return sqlite3_last_insert_rowid(m_impl->db.get());
}

util::Expected<void> Store::record_shown(int64_t run, const std::vector<core::Finding>& findings,
                                         const std::vector<core::Suggestion>& suggestions) {
    sqlite3* db = m_impl->db.get();
    if (auto e = exec(db, "BEGIN IMMEDIATE")) {
        return util::runtime_error("feedback store: " + *e);
    }
    std::string now = utc_now();
    std::set<std::string> secret_lines; // fingerprints whose lines hold a secret
    for (const auto& f : findings) {
        Statement s(db, "INSERT INTO findings(fingerprint, rule_id, category, path, message, "
                        "first_run, last_run, shape, model) VALUES(?, ?, ?, ?, ?, ?, ?, ?, ?) "
                        "ON CONFLICT(fingerprint) DO UPDATE SET last_run = excluded.last_run, "
                        "path = excluded.path");
        s.bind(1, f.fingerprint).bind(2, f.rule_id).bind(3, f.category).bind(4, f.location.path);
        s.bind(5, f.message).bind(6, run).bind(7, run).bind(8, message_shape(f.message));
        s.bind(9, f.model);
        Statement e(db, "INSERT INTO events(fingerprint, kind, reason, run, at) "
                        "VALUES(?, 'shown', '', ?, ?)");
        e.bind(1, f.fingerprint).bind(2, run).bind(3, now);
        if (!s.run() || !e.run()) {
            exec(db, "ROLLBACK");
            return util::runtime_error("feedback store: " + s.error() + e.error());
        }
        if (has_secret_in(f)) {
            secret_lines.insert(f.fingerprint);
        }
    }
    for (const auto& g : suggestions) {
        if (secret_lines.contains(g.fingerprint) || g.diff.empty()) {
            continue;
        }
        Statement s(db, "INSERT INTO suggestions(fingerprint, base_id, rule_id, path, patch_path, "
                        "new_id, mode, start_line, end_line, removed, inserted, diff, description, "
                        "safe, run) VALUES(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
                        "ON CONFLICT(fingerprint, base_id) DO UPDATE SET run = excluded.run");
        s.bind(1, g.fingerprint).bind(2, g.base_id).bind(3, g.rule_id).bind(4, g.path);
        s.bind(5, g.patch_path.empty() ? g.path : g.patch_path).bind(6, g.new_id);
        s.bind(7, int64_t(g.mode)).bind(8, int64_t(g.start_line)).bind(9, int64_t(g.end_line));
        s.bind(10, g.removed).bind(11, g.inserted).bind(12, g.diff).bind(13, g.description);
        s.bind(14, int64_t(g.safe)).bind(15, run);
        if (!s.run()) {
            exec(db, "ROLLBACK");
            return util::runtime_error("feedback store: " + s.error());
        }
    }
    if (auto e = exec(db, "COMMIT")) {
        return util::runtime_error("feedback store: " + *e);
    }
    return {};
}

util::Expected<void> Store::record_event(std::string_view fingerprint, Event event,
                                         std::string_view reason, int64_t run) {
    Statement s(m_impl->db.get(),
                "INSERT INTO events(fingerprint, kind, reason, run, at) VALUES(?, ?, ?, ?, ?)");
    s.bind(1, fingerprint).bind(2, to_string(event)).bind(3, reason).bind(4, run);
    s.bind(5, utc_now());
    if (!s.run()) {
        return util::runtime_error("feedback store: " + s.error());
    }
    return {};
}

std::vector<StoredFinding> Store::findings_with_prefix(std::string_view prefix) const {
    Statement s(m_impl->db.get(),
                "SELECT f.fingerprint, f.rule_id, f.category, f.path, f.message, "
                "(SELECT kind FROM events e WHERE e.fingerprint = f.fingerprint ORDER BY e.id DESC "
                "LIMIT 1) FROM findings f WHERE substr(f.fingerprint, 1, ?) = ? "
                "ORDER BY f.fingerprint");
    s.bind(1, int64_t(prefix.size())).bind(2, prefix);
    std::vector<StoredFinding> out;
    while (s.step()) {
        out.push_back({s.text(0), s.text(1), s.text(2), s.text(3), s.text(4), s.text(5)});
    }
    return out;
}

std::optional<core::Suggestion> Store::suggestion_for(std::string_view fingerprint) const {
    Statement s(m_impl->db.get(),
                "SELECT base_id, rule_id, path, patch_path, new_id, mode, start_line, end_line, "
                "removed, inserted, diff, description, safe FROM suggestions WHERE fingerprint = ? "
                "ORDER BY run DESC, id DESC LIMIT 1");
    s.bind(1, fingerprint);
    if (!s.step()) {
        return std::nullopt;
    }
    core::Suggestion g;
    g.fingerprint = std::string(fingerprint);
    g.base_id = s.text(0);
    g.rule_id = s.text(1);
    g.path = s.text(2);
    g.patch_path = s.text(3);
    g.new_id = s.text(4);
    g.mode = uint32_t(s.integer(5));
    g.start_line = uint32_t(s.integer(6));
    g.end_line = uint32_t(s.integer(7));
    g.removed = s.text(8);
    g.inserted = s.text(9);
    g.diff = s.text(10);
    g.description = s.text(11);
    g.safe = s.integer(12) != 0;
    return g;
}

std::vector<std::string> Store::open_suggestions() const {
    Statement s(m_impl->db.get(),
                "SELECT DISTINCT g.fingerprint FROM suggestions g WHERE NOT EXISTS (SELECT 1 FROM "
                "events e WHERE e.fingerprint = g.fingerprint AND e.kind IN ('applied', "
                "'dismissed', 'landed')) ORDER BY g.fingerprint");
    std::vector<std::string> out;
    while (s.step()) {
        out.push_back(s.text(0));
    }
    return out;
}

std::vector<std::string> Store::accepted_suggestions() const {
    // The newest of a fix's accept/revert events decides.
    Statement s(m_impl->db.get(),
                "SELECT g.fingerprint FROM (SELECT DISTINCT fingerprint FROM suggestions) g WHERE "
                "(SELECT kind FROM events e WHERE e.fingerprint = g.fingerprint AND e.kind IN "
                "('applied', 'landed', 'reverted') ORDER BY e.id DESC LIMIT 1) IN ('applied', "
                "'landed') ORDER BY g.fingerprint");
    std::vector<std::string> out;
    while (s.step()) {
        out.push_back(s.text(0));
    }
    return out;
}

std::set<std::string> Store::dismissed() const {
    Statement s(m_impl->db.get(),
                "SELECT DISTINCT fingerprint FROM events WHERE kind = 'dismissed'");
    std::set<std::string> out;
    while (s.step()) {
        out.insert(s.text(0));
    }
    return out;
}

size_t Store::event_count(std::string_view fingerprint, Event event) const {
    Statement s(m_impl->db.get(), "SELECT count(*) FROM events WHERE fingerprint = ? AND kind = ?");
    s.bind(1, fingerprint).bind(2, to_string(event));
    return s.step() ? size_t(s.integer(0)) : 0;
}

std::string message_shape(std::string_view message) {
    std::string_view first = message.substr(0, message.find(". "));
    std::string out;
    bool quoted = false;
    bool blank = false;
    for (char c : first) {
        if (c == '`' || c == '\'' || c == '"') {
            quoted = !quoted; // a name in quotes is this finding's, not its kind's
            continue;
        }
        if (quoted || (c >= '0' && c <= '9')) {
            continue;
        }
        if (c == ' ' || c == '\t' || c == '\n') {
            blank = !out.empty();
            continue;
        }
        if (blank) {
            out += ' ';
            blank = false;
        }
        out += (c >= 'A' && c <= 'Z') ? char(c - 'A' + 'a') : c;
    }
    while (!out.empty() && (out.back() == '.' || out.back() == ' ')) {
        out.pop_back();
    }
    return out;
}

size_t Store::dismissed_like(std::string_view category, std::string_view shape) const {
    Statement s(m_impl->db.get(),
                "SELECT count(DISTINCT f.fingerprint) FROM findings f JOIN events e ON "
                "e.fingerprint = f.fingerprint WHERE e.kind = 'dismissed' AND f.category = ? AND "
                "f.shape = ?");
    s.bind(1, category).bind(2, shape);
    return s.step() ? size_t(s.integer(0)) : 0;
}

std::vector<std::string> Store::dismissed_messages(std::string_view category, size_t limit) const {
    Statement s(m_impl->db.get(),
                "SELECT min(f.message), count(DISTINCT f.fingerprint) AS n FROM findings f JOIN "
                "events e ON e.fingerprint = f.fingerprint WHERE e.kind = 'dismissed' AND "
                "f.category = ? GROUP BY f.shape ORDER BY n DESC, min(f.message) LIMIT ?");
    s.bind(1, category).bind(2, int64_t(limit));
    std::vector<std::string> out;
    while (s.step()) {
        out.push_back(s.text(0));
    }
    return out;
}

std::vector<AcceptedFix> Store::accepted_fixes(size_t limit) const {
    // Taken and not reverted since: the newest of the accept/revert events decides.
    Statement s(m_impl->db.get(),
                "SELECT g.path, f.category, f.message, g.removed, g.inserted FROM suggestions g "
                "JOIN findings f ON f.fingerprint = g.fingerprint WHERE (SELECT kind FROM events e "
                "WHERE e.fingerprint = g.fingerprint AND e.kind IN ('applied', 'landed', "
                "'reverted') ORDER BY e.id DESC LIMIT 1) IN ('applied', 'landed') "
                "ORDER BY g.run DESC, g.id DESC LIMIT ?");
    s.bind(1, int64_t(limit));
    std::vector<AcceptedFix> out;
    while (s.step()) {
        out.push_back({s.text(0), s.text(1), s.text(2), s.text(3), s.text(4)});
    }
    return out;
}

std::vector<RuleStats> Store::rule_stats() const {
    Statement s(m_impl->db.get(),
                "SELECT f.rule_id, min(f.category), count(*), "
                "sum(EXISTS (SELECT 1 FROM events e WHERE e.fingerprint = f.fingerprint AND "
                "e.kind = 'applied')), "
                "sum(EXISTS (SELECT 1 FROM events e WHERE e.fingerprint = f.fingerprint AND "
                "e.kind = 'landed')), "
                "sum(EXISTS (SELECT 1 FROM events e WHERE e.fingerprint = f.fingerprint AND "
                "e.kind = 'dismissed')), "
                "(SELECT min(r.started) FROM runs r WHERE r.id = min(f.first_run)), "
                "(SELECT max(r.started) FROM runs r WHERE r.id = max(f.last_run)) "
                "FROM findings f GROUP BY f.rule_id ORDER BY count(*) DESC, f.rule_id");
    std::vector<RuleStats> out;
    while (s.step()) {
        out.push_back({s.text(0), s.text(1), size_t(s.integer(2)), size_t(s.integer(3)),
                       size_t(s.integer(4)), size_t(s.integer(5)), s.text(6), s.text(7)});
    }
    return out;
}

std::map<std::string, ModelAcceptance> Store::model_acceptance() const {
    Statement s(m_impl->db.get(),
                "SELECT f.model, count(DISTINCT g.fingerprint), count(DISTINCT CASE WHEN EXISTS "
                "(SELECT 1 FROM events e WHERE e.fingerprint = g.fingerprint AND e.kind IN "
                "('applied', 'landed')) THEN g.fingerprint END) FROM suggestions g JOIN findings f "
                "ON f.fingerprint = g.fingerprint WHERE f.model <> '' GROUP BY f.model");
    std::map<std::string, ModelAcceptance> out;
    while (s.step()) {
        out[s.text(0)] = {size_t(s.integer(1)), size_t(s.integer(2))};
    }
    return out;
}

std::vector<WeekStats> Store::weekly() const {
    Statement s(m_impl->db.get(),
                "SELECT strftime('%Y-W%W', at) AS week, "
                "count(DISTINCT CASE WHEN kind = 'shown' THEN fingerprint END), "
                "count(DISTINCT CASE WHEN kind IN ('applied', 'landed') THEN fingerprint END), "
                "count(DISTINCT CASE WHEN kind = 'dismissed' THEN fingerprint END) "
                "FROM events GROUP BY week ORDER BY week");
    std::vector<WeekStats> out;
    while (s.step()) {
        out.push_back(
            {s.text(0), size_t(s.integer(1)), size_t(s.integer(2)), size_t(s.integer(3))});
    }
    return out;
}

std::set<std::string> Store::demoted_rules(size_t min_dismissed) const {
    Statement s(m_impl->db.get(),
                "SELECT f.rule_id FROM findings f WHERE f.category <> 'secret' GROUP BY f.rule_id "
                "HAVING sum(EXISTS (SELECT 1 FROM events e WHERE e.fingerprint = f.fingerprint "
                "AND e.kind = 'dismissed')) >= ? AND sum(EXISTS (SELECT 1 FROM events e WHERE "
                "e.fingerprint = f.fingerprint AND e.kind IN ('applied', 'landed'))) = 0");
    s.bind(1, int64_t(min_dismissed));
    std::set<std::string> out;
    while (s.step()) {
        out.insert(s.text(0));
    }
    return out;
}

std::vector<SharedFeedback> Store::feedback() const {
    std::vector<SharedFeedback> out;
    Statement f(m_impl->db.get(), "SELECT fingerprint, rule_id, category, path, message FROM "
                                  "findings ORDER BY fingerprint");
    while (f.step()) {
        out.push_back({f.text(0), f.text(1), f.text(2), f.text(3), f.text(4), {}});
    }
    for (auto& r : out) {
        Statement e(m_impl->db.get(), "SELECT kind, reason, at FROM events WHERE fingerprint = ? "
                                      "AND kind <> 'shown' ORDER BY id");
        e.bind(1, r.fingerprint);
        while (e.step()) {
            r.events.push_back({e.text(0), e.text(1), e.text(2)});
        }
    }
    return out;
}

util::Expected<size_t> Store::import_feedback(const std::vector<SharedFeedback>& records) {
    sqlite3* db = m_impl->db.get();
    if (auto e = exec(db, "BEGIN IMMEDIATE")) {
        return util::runtime_error("feedback store: " + *e);
    }
    size_t added = 0;
    for (const auto& r : records) {
        Statement f(db, "INSERT INTO findings(fingerprint, rule_id, category, path, message, "
                        "first_run, last_run, shape) VALUES(?, ?, ?, ?, ?, 0, 0, ?) "
                        "ON CONFLICT(fingerprint) DO NOTHING");
        f.bind(1, r.fingerprint).bind(2, r.rule_id).bind(3, r.category).bind(4, r.path);
        f.bind(5, r.message).bind(6, message_shape(r.message));
        if (!f.run()) {
            exec(db, "ROLLBACK");
            return util::runtime_error("feedback store: " + f.error());
        }
        for (const auto& ev : r.events) {
            Statement e(db,
                        "INSERT INTO events(fingerprint, kind, reason, run, at) SELECT ?, ?, ?, "
                        "0, ? WHERE NOT EXISTS (SELECT 1 FROM events WHERE fingerprint = ? "
                        "AND kind = ? AND at = ?)");
            e.bind(1, r.fingerprint).bind(2, ev.kind).bind(3, ev.reason).bind(4, ev.at);
            e.bind(5, r.fingerprint).bind(6, ev.kind).bind(7, ev.at);
            if (!e.run()) {
                exec(db, "ROLLBACK");
                return util::runtime_error("feedback store: " + e.error());
            }
            added += size_t(sqlite3_changes(db));
        }
    }
    if (auto e = exec(db, "COMMIT")) {
        return util::runtime_error("feedback store: " + *e);
    }
    return added;
}

std::vector<LabelledFix> Store::labelled_fixes() const {
    Statement s(m_impl->db.get(),
                "SELECT g.path, f.category, f.message, g.removed, g.inserted, CASE WHEN EXISTS "
                "(SELECT 1 FROM events e WHERE e.fingerprint = g.fingerprint AND e.kind IN "
                "('applied', 'landed')) THEN 'accepted' ELSE 'dismissed' END FROM suggestions g "
                "JOIN findings f ON f.fingerprint = g.fingerprint WHERE EXISTS (SELECT 1 FROM "
                "events e WHERE e.fingerprint = g.fingerprint AND e.kind IN ('applied', "
                "'landed', 'dismissed')) ORDER BY g.id");
    std::vector<LabelledFix> out;
    while (s.step()) {
        out.push_back({s.text(0), s.text(1), s.text(2), s.text(3), s.text(4), s.text(5)});
    }
    return out;
}

} // namespace vigil::learn
