// util: SHA-1, only to name content the way git does (blob ids in patches); never for
// anything that must resist an attacker.
#pragma once

#include <string>
#include <string_view>

namespace vigil::util {

// Lower-case hex SHA-1 of the bytes.
std::string sha1_hex(std::string_view bytes);

// The id git gives a blob holding `content`: SHA-1 of "blob <size>\0" + content.
std::string git_blob_id(std::string_view content);

} // namespace vigil::util
