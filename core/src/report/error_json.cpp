#include "report/error_json.hpp"

#include "report/json_writer.hpp"

namespace clusop {

std::string ContractErrorJson(std::string_view schema, std::string_view code, std::string_view message, int indent) {
  JsonWriter w(indent);
  w.BeginObject();
  w.Key("schema").String(schema);
  w.Key("error").BeginObject();
  w.Key("code").String(code);
  w.Key("message").String(message);
  w.EndObject();
  w.EndObject();
  return w.Take();
}

}  // namespace clusop
