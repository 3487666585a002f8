# Writes a `git fast-import` stream for the synthetic benchmark repository (see make_repo.sh).
#
#   awk -v files=20000 -v commits=5000 -v seed=42 -v keys=6 -f gen_history.awk | git fast-import
#
# Why fast-import: creating 5k commits with `git add`/`git commit` takes many minutes; one
# stream into fast-import takes seconds.
#
# The history is linear on refs/heads/main:
#   - commit 1 imports ~80% of the files (nested folders, source-like text of varied size);
#   - every later commit edits a handful of files (mostly in one folder, as real commits do):
#     replaces, inserts or deletes a few lines, so diffs are small hunks inside files;
#   - new files arrive steadily until `files` are live at the tip; a few files are renamed
#     (with a small edit) or deleted along the way, so rename detection has work to do;
#   - `keys` fake AWS-style access keys are planted on added lines in commits spread over the
#     history. They are assembled here at run time from the PRNG, so no file in the
#     repository of vigil holds a literal key.
#
# Everything comes from one Park-Miller PRNG (not awk's rand(), which differs between awks), so
# the same seed gives the same repository; its integers stay exact in awk's doubles. Tested
# with mawk (Debian's awk). Content is ASCII only: awk's length() is then the byte
# count fast-import's `data` command wants. Run with LC_ALL=C.

function rnd() { # uniform in [0, 1)
    rng_state = (rng_state * 16807) % 2147483647
    return (rng_state - 1) / 2147483646
}
function rint(lo, hi) { return lo + int(rnd() * (hi - lo + 1)) } # uniform integer in [lo, hi]
function pick(arr, n) { return arr[rint(1, n)] }

function ident(    a, b) { # snake_case identifier of one to three words
    a = pick(W, NW)
    if (rnd() < 0.7) a = a "_" pick(W, NW)
    if (rnd() < 0.2) a = a "_" pick(W, NW)
    return a
}
function type_name(    t) {
    t = pick(T, NT)
    return t
}
function words(n,    s, i) { # a comment or message of n words
    s = pick(W, NW)
    for (i = 2; i <= n; i++) s = s " " pick(W, NW)
    return s
}
function fake_aws_key(    body, i, alphabet) {
    # Same shape as a real key ID: the 4-letter prefix, then 16 of [A-Z2-7]. The prefix is
    # split so this file does not itself look like it holds a key to a scanner.
    alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567"
    body = ""
    for (i = 1; i <= 16; i++) body = body substr(alphabet, rint(1, 32), 1)
    return "AK" "IA" body
}

# --- lines in the style of a file's language -------------------------------------------------

function c_line(ind,    r) {
    r = rnd()
    if (r < 0.30) return ind type_name() " " ident() " = " ident() "(" ident() ", " rint(0, 4096) ");"
    if (r < 0.45) return ind "if (" ident() " " pick(OPS, NOPS) " " rint(0, 255) ") {" "\n" ind "    " ident() "(" ident() ");" "\n" ind "}"
    if (r < 0.60) return ind "// " words(rint(3, 12))
    if (r < 0.70) return ind "log_" pick(LOGS, NLOGS) "(\"" words(rint(2, 7)) ": %d\", " ident() ");"
    if (r < 0.80) return ind ident() "->" ident() " = " ident() " + " rint(1, 64) ";"
    if (r < 0.88) return ind "for (size_t i = 0; i < " ident() "; ++i) {" "\n" ind "    " ident() "[i] = " ident() "(i);" "\n" ind "}"
    if (r < 0.95) return ind "return " ident() ";"
    return ""
}
function py_line(ind,    r) {
    r = rnd()
    if (r < 0.35) return ind ident() " = " ident() "(" ident() ", " rint(0, 4096) ")"
    if (r < 0.50) return ind "if " ident() " " pick(OPS, NOPS) " " rint(0, 255) ":" "\n" ind "    " ident() "(" ident() ")"
    if (r < 0.65) return ind "# " words(rint(3, 12))
    if (r < 0.75) return ind "logger." pick(LOGS, NLOGS) "(\"" words(rint(2, 7)) " %s\", " ident() ")"
    if (r < 0.85) return ind "for " ident() " in " ident() "(" ident() "):" "\n" ind "    " ident() ".append(" ident() ")"
    if (r < 0.95) return ind "return " ident()
    return ""
}
function text_line(    r) {
    r = rnd()
    if (r < 0.15) return ""
    if (r < 0.25) return "## " words(rint(2, 5))
    if (r < 0.35) return "- " words(rint(3, 10))
    return words(rint(6, 16)) "."
}
function conf_line(    r) {
    r = rnd()
    if (r < 0.10) return ""
    if (r < 0.20) return "[" ident() "]"
    if (r < 0.60) return ident() " = \"" ident() "\""
    return ident() " = " rint(0, 100000)
}

# One block: a function (code), a paragraph (text) or a section (config). Returns its lines.
function block(style,    s, n, i, name) {
    if (style == "c") {
        name = ident()
        s = (rnd() < 0.3 ? "// " words(rint(4, 12)) "\n" : "") \
            (rnd() < 0.4 ? "static " : "") type_name() " " name "(" type_name() " " ident() ", " type_name() " " ident() ")\n{"
        n = rint(2, 14)
        for (i = 1; i <= n; i++) s = s "\n" c_line("    ")
        return s "\n}\n"
    }
    if (style == "py") {
        s = "def " ident() "(" ident() ", " ident() "=None):\n    \"\"\"" words(rint(4, 10)) ".\"\"\""
        n = rint(2, 12)
        for (i = 1; i <= n; i++) s = s "\n" py_line("    ")
        return s "\n"
    }
    if (style == "conf") {
        s = conf_line()
        n = rint(2, 8)
        for (i = 1; i <= n; i++) s = s "\n" conf_line()
        return s
    }
    s = text_line()
    n = rint(1, 6)
    for (i = 1; i <= n; i++) s = s "\n" text_line()
    return s
}
function header(style, path) {
    if (style == "c") return "// " path " - " words(rint(4, 10)) "\n// SPDX-License-Identifier: MIT\n\n#include \"" ident() ".h\"\n#include <" pick(W, NW) ".h>\n"
    if (style == "py") return "\"\"\"" words(rint(4, 10)) ".\"\"\"\n\nimport " pick(W, NW) "\nfrom " ident() " import " ident() "\n"
    if (style == "conf") return "# " path "\n"
    return "# " words(rint(2, 6)) "\n"
}
function style_of(path) {
    if (path ~ /\.(c|h|cc|cpp|hpp|go|rs|java|js|ts)$/) return "c"
    if (path ~ /\.py$/) return "py"
    if (path ~ /\.(toml|yaml|ini|cfg)$/) return "conf"
    return "text"
}

# A new file: mostly small, some medium, a few a few hundred lines.
function new_content(path,    style, target, s, r, lines, b) {
    style = style_of(path)
    r = rnd()
    if (r < 0.60) target = rint(5, 40)
    else if (r < 0.92) target = rint(40, 150)
    else target = rint(150, 450)
    s = header(style, path)
    lines = 0
    while (lines < target) {
        b = block(style)
        lines += gsub(/\n/, "\n", b) + 1
        s = s "\n" b
    }
    return s "\n"
}

# One edit of a file's text: replace a few lines, insert a block, or delete a few lines.
function edit(content, path,    n, L, op, at, k, i, out, style, add) {
    style = style_of(path)
    n = split(content, L, "\n")
    if (L[n] == "") n-- # content ends with a newline
    op = rnd()
    at = rint(1, n)
    add = ""
    if (op < 0.55) { # replace 1-3 lines
        k = rint(1, 3)
        for (i = 1; i <= k; i++) add = add (style == "c" ? c_line("    ") : style == "py" ? py_line("    ") : style == "conf" ? conf_line() : text_line()) "\n"
    } else if (op < 0.85 || n < 12) { # insert a block after line `at`
        add = block(style) "\n"
        k = 0
        at++
    } else { # delete 1-5 lines
        k = rint(1, 5)
    }
    out = ""
    for (i = 1; i < at && i <= n; i++) out = out L[i] "\n"
    out = out add
    for (i = at + k; i <= n; i++) out = out L[i] "\n"
    return out
}

# Inserts an assignment of a fresh fake key somewhere in the content.
function plant_key(content, path,    n, L, at, i, out, line, style) {
    style = style_of(path)
    n = split(content, L, "\n")
    if (L[n] == "") n--
    at = rint(1, n)
    if (style == "py") line = "    aws_access_key_id = \"" fake_aws_key() "\""
    else if (style == "c") line = "    const char *aws_access_key_id = \"" fake_aws_key() "\";"
    else line = "aws_access_key_id = " fake_aws_key()
    out = ""
    for (i = 1; i <= at; i++) out = out L[i] "\n"
    out = out line "\n"
    for (i = at + 1; i <= n; i++) out = out L[i] "\n"
    planted++
    return out
}

# --- the tree -------------------------------------------------------------------------------

function make_dirs(count,    i, d, depth, j) {
    ND = 0
    for (i = 1; i <= count; i++) {
        d = pick(TOPS, NTOPS)
        depth = rint(1, 4)
        for (j = 1; j <= depth; j++) d = d "/" pick(W, NW)
        if (!(d in dir_seen)) { dir_seen[d] = 1; DIRS[++ND] = d }
    }
}
function new_path(    d, p, e) {
    do {
        d = rint(1, ND)
        e = pick(EXTS, NEXTS)
        p = DIRS[d] "/" ident() e
    } while (p in path_used)
    path_used[p] = 1
    new_dir = d
    return p
}
function add_file(    p, id) {
    p = new_path()
    id = ++NF_ALL
    path[id] = p
    fdir[id] = new_dir
    dir_files[new_dir, ++dir_count[new_dir]] = id
    content[id] = new_content(p)
    alive[id] = 1
    live++
    return id
}
function random_live(    id) {
    do { id = rint(1, NF_ALL) } while (!alive[id])
    return id
}
function near_live(id,    d, c, j, other) { # another live file in the same folder, if any
    d = fdir[id]
    c = dir_count[d]
    for (j = 0; j < 4; j++) {
        other = dir_files[d, rint(1, c)]
        if (alive[other] && other != id) return other
    }
    return random_live()
}

function emit_blob(id) {
    printf "M 100644 inline %s\ndata %d\n%s\n", path[id], length(content[id]), content[id]
}

BEGIN {
    rng_state = (seed > 0 ? seed : 42) % 2147483647
    NW = split("alpha beta gamma delta cache index buffer parser token stream queue worker " \
               "client server request response config option value count offset length size " \
               "record entry table column row schema query result error status state event " \
               "handler callback context session user account order item price total tax " \
               "invoice report metric sample window frame image pixel color layer node edge " \
               "graph tree leaf root path file block chunk page store load save read write " \
               "open close flush sync lock mutex thread pool task job batch retry timeout " \
               "limit budget policy rule match filter sort merge split join format encode " \
               "decode hash digest signature cert auth login logout admin audit trace span", W, " ")
    NT = split("int size_t bool double uint32_t int64_t char const_str auto float", T, " ")
    NOPS = split("< > <= >= == !=", OPS, " ")
    NLOGS = split("debug info warn error", LOGS, " ")
    NTOPS = split("src lib include tools tests docs services pkg internal scripts web config", TOPS, " ")
    # Weighted: C-family dominates, then Python, some docs and config.
    NEXTS = split(".c .h .cpp .hpp .cc .go .rs .java .js .ts .c .h .cpp .hpp .py .py .py .py " \
                  ".md .md .txt .toml .yaml .ini", EXTS, " ")
    NA = split("Ada Lovelace|Alan Turing|Grace Hopper|Edsger Dijkstra|Barbara Liskov|" \
               "Ken Thompson|Margaret Hamilton|Donald Knuth|Frances Allen|John Backus", AUTHORS, "|")

    files += 0; commits += 0; keys += 0
    make_dirs(int(files / 25) + 10)
    init_files = int(files * 0.8)
    # Commits that get a planted key: spread evenly, none in the initial import.
    for (k = 1; k <= keys; k++) key_commit[int(commits * k / (keys + 1)) + 1] = 1

    time = 1600000000
    added_later = 0
    for (c = 1; c <= commits; c++) {
        time += rint(300, 20000)
        a = pick(AUTHORS, NA)
        email = tolower(a); gsub(/ /, ".", email)
        if (c == 1) msg = "Initial import"
        else { w = pick(W, NW); msg = toupper(substr(w, 1, 1)) substr(w, 2) " " words(rint(2, 8)) }
        printf "commit refs/heads/main\nmark :%d\n", c
        printf "author %s <%s@example.com> %d +0000\n", a, email, time
        printf "committer %s <%s@example.com> %d +0000\n", a, email, time
        printf "data %d\n%s\n", length(msg), msg
        if (c > 1) printf "from :%d\n", c - 1

        if (c == 1) {
            for (i = 1; i <= init_files; i++) emit_blob(add_file())
            continue
        }
        # Keep new files arriving so that `files` are live at the last commit.
        due = int((files - init_files) * (c - 1) / (commits - 1)) - added_later + deleted
        if (c == commits) n_new = due
        else if (due > 0 && (rnd() < 0.3 || due > 8)) n_new = (due < 8 ? due : rint(1, 8))
        else n_new = 0
        for (i = 1; i <= n_new; i++) { emit_blob(add_file()); added_later++ }

        # Edit 1-6 files, weighted towards few, mostly in the same folder as the first one.
        n_mod = 1 + int(rnd() * rnd() * 6)
        first = random_live()
        split("", touched)
        for (i = 1; i <= n_mod; i++) {
            id = (i == 1 ? first : (rnd() < 0.6 ? near_live(first) : random_live()))
            if (id in touched) continue
            touched[id] = 1
            content[id] = edit(content[id], path[id])
            if (rnd() < 0.3) content[id] = edit(content[id], path[id])
            if (i == 1 && c in key_commit) content[id] = plant_key(content[id], path[id])
            emit_blob(id)
        }

        r = rnd()
        if (r < 0.01) { # rename a file with a small edit (stays well above 50% similar)
            id = random_live()
            if (!(id in touched)) {
                old = path[id]
                delete path_used[old]
                path[id] = new_path()
                fdir[id] = new_dir
                dir_files[new_dir, ++dir_count[new_dir]] = id
                printf "D %s\n", old
                content[id] = edit(content[id], path[id])
                emit_blob(id)
            }
        } else if (r < 0.015 && live > 100) { # delete a file
            id = random_live()
            if (!(id in touched)) {
                printf "D %s\n", path[id]
                alive[id] = 0; live--; deleted++
                delete path_used[path[id]]
            }
        }
        printf "\n"
    }
    printf "done\n"
    printf "%d files live, %d commits, %d keys planted\n", live, commits, planted > "/dev/stderr"
}
