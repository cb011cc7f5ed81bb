#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
# embed-text.py NAME IN OUT.h: IN as a C string constant NAME (and NAME_len), so the demo
# needs no file at run time.
import sys

name, src, dst = sys.argv[1:4]
data = open(src, 'rb').read()
with open(dst, 'w') as out:
    out.write('/* generated from %s by embed-text.py */\n#pragma once\n' % src.split('/')[-1])
    out.write('static const char %s[] =\n' % name)
    for i in range(0, len(data), 64):
        chunk = data[i:i + 64]
        out.write('  "' + ''.join('\\%03o' % b if b < 32 or b > 126 or b in (34, 92, 63)
                                  else chr(b) for b in chunk) + '"\n')
    out.write(';\n#define %s_len ((gsize) %d)\n' % (name, len(data)))
