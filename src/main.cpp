#include <vigil/cli/run.hpp>

int main(int argc, char** argv) {
    return vigil::cli::run(argc, argv);
}
