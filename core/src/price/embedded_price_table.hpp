#pragma once
// Generated at build time from pricing/price_table.json (see core/CMakeLists.txt).
namespace clusop {
extern const char* const kEmbeddedPriceTable;
}
