#include <vigil/util/error.hpp>

namespace vigil::util {

Error& Error::with_context(std::string what) & {
    context.push_back(std::move(what));
    return *this;
}

Error&& Error::with_context(std::string what) && {
    context.push_back(std::move(what));
    return std::move(*this);
}

Error&& Error::with_hint(std::string text) && {
    hint = std::move(text);
    return std::move(*this);
}

std::string Error::describe() const {
    std::string out = message;
    if (!context.empty()) {
        out += " (";
        for (size_t i = 0; i < context.size(); ++i) {
            out += i ? "; while " : "while ";
            out += context[i];
        }
        out += ")";
    }
    return out;
}

} // namespace vigil::util
