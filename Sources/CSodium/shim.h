#ifndef PARCOURS_CSODIUM_SHIM_H
#define PARCOURS_CSODIUM_SHIM_H
#include <sodium.h>
#endif
