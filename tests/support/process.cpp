#include "process.hpp"

#include <cstdlib>
#include <cstring>
#include <fcntl.h>
#include <poll.h>
#include <stdexcept>
#include <sys/wait.h>
#include <unistd.h>

extern char** environ;

namespace vigil::test {
namespace {

const char* const k_default_unset[] = {
    "GIT_DIR",        "GIT_INDEX_FILE", "GIT_WORK_TREE", "GIT_COMMON_DIR", "GIT_PREFIX", "CI",
    "GITHUB_ACTIONS", "GITLAB_CI",      "NO_COLOR",      "CLICOLOR_FORCE", "CLICOLOR"};

std::vector<std::string> child_environment(const ProcessOptions& opts) {
    auto removed = [&](std::string_view entry) {
        std::string_view name = entry.substr(0, entry.find('='));
        for (const char* n : k_default_unset) {
            if (name == n) {
                return true;
            }
        }
        for (const auto& n : opts.unset_env) {
            if (name == n) {
                return true;
            }
        }
        for (const auto& [n, v] : opts.env) {
            if (name == n) {
                return true;
            }
        }
        return false;
    };
    std::vector<std::string> env;
    for (char** e = environ; *e; ++e) {
        if (!removed(*e)) {
            env.emplace_back(*e);
        }
    }
    for (const auto& [n, v] : opts.env) {
        env.push_back(n + "=" + v);
    }
    return env;
}

} // namespace

std::string vigil_binary() {
    return VIGIL_BINARY;
}

ProcessResult run_process(const std::vector<std::string>& argv, const ProcessOptions& opts) {
    int in_pipe[2], out_pipe[2], err_pipe[2];
    if (pipe2(in_pipe, O_CLOEXEC) || pipe2(out_pipe, O_CLOEXEC) || pipe2(err_pipe, O_CLOEXEC)) {
        throw std::runtime_error("pipe failed");
    }
    std::vector<std::string> env = child_environment(opts);
    std::vector<char*> env_ptrs, arg_ptrs;
    for (auto& e : env) {
        env_ptrs.push_back(e.data());
    }
    env_ptrs.push_back(nullptr);
    std::vector<std::string> args = argv;
    for (auto& a : args) {
        arg_ptrs.push_back(a.data());
    }
    arg_ptrs.push_back(nullptr);

    pid_t pid = fork();
    if (pid < 0) {
        throw std::runtime_error("fork failed");
    }
    if (pid == 0) {
        dup2(in_pipe[0], 0);
        dup2(out_pipe[1], 1);
        dup2(err_pipe[1], 2);
        if (!opts.cwd.empty() && chdir(opts.cwd.c_str()) != 0) {
            _exit(126);
        }
        execvpe(arg_ptrs[0], arg_ptrs.data(), env_ptrs.data());
        _exit(127);
    }
    close(in_pipe[0]);
    close(out_pipe[1]);
    close(err_pipe[1]);

    ProcessResult result;
    size_t written = 0;
    int stdin_fd = in_pipe[1];
    if (opts.stdin_data.empty()) {
        close(stdin_fd);
        stdin_fd = -1;
    } else {
        fcntl(stdin_fd, F_SETFL, O_NONBLOCK);
    }
    bool out_open = true, err_open = true;
    char buf[65536];
    while (out_open || err_open || stdin_fd >= 0) {
        pollfd fds[3] = {{out_open ? out_pipe[0] : -1, POLLIN, 0},
                         {err_open ? err_pipe[0] : -1, POLLIN, 0},
                         {stdin_fd, POLLOUT, 0}};
        if (poll(fds, 3, -1) < 0) {
            if (errno == EINTR) {
                continue;
            }
            break;
        }
        auto drain = [&](int i, bool& open, std::string& into, int fd) {
            if (fds[i].revents & (POLLIN | POLLHUP | POLLERR)) {
                ssize_t n = read(fd, buf, sizeof buf);
                if (n <= 0) {
                    open = false;
                } else {
                    into.append(buf, size_t(n));
                }
            }
        };
        drain(0, out_open, result.out, out_pipe[0]);
        drain(1, err_open, result.err, err_pipe[0]);
        if (stdin_fd >= 0 && (fds[2].revents & (POLLOUT | POLLERR | POLLHUP))) {
            ssize_t n =
                write(stdin_fd, opts.stdin_data.data() + written, opts.stdin_data.size() - written);
            if (n > 0) {
                written += size_t(n);
            }
            if (n < 0 || written == opts.stdin_data.size()) {
                close(stdin_fd);
                stdin_fd = -1;
            }
        }
    }
    close(out_pipe[0]);
    close(err_pipe[0]);
    int status = 0;
    waitpid(pid, &status, 0);
    result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
    return result;
}

} // namespace vigil::test
