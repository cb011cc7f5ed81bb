/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The LaTeX subset's parser (see mlr-math.h): a recursive descent over the formula, one
 * function per construct, every error with the offset of what caused it.
 */
#include "config.h"

#include "mlr-math.h"
#include "mlr-diagnostic.h"

#include <glib/gi18n-lib.h>
#include <string.h>

G_DEFINE_QUARK (mlr-math-error-quark, mlr_math_error)

/* ---------------------------------------------------------------- the commands */

typedef enum {
  CMD_SYMBOL,     /* text, class, limits */
  CMD_FRAC,
  CMD_SQRT,
  CMD_ACCENT,     /* text: the mark */
  CMD_FONT,
  CMD_TEXT,
  CMD_OPERATORNAME,
  CMD_LEFT,
  CMD_RIGHT,
  CMD_BEGIN,
  CMD_END,
  CMD_SPACE,      /* space in mu */
  CMD_LIMITS,     /* \limits, \nolimits */
} CmdKind;

typedef struct {
  const char  *name;     /* without the backslash */
  CmdKind      kind;
  const char  *text;
  MlrMathClass cls;
  int          arg;      /* OP: limits; FONT: the font; SPACE: mu; FRAC: style; LIMITS: on */
} Command;

static const Command commands[] = {
  /* Greek */
  { "alpha", CMD_SYMBOL, "α" }, { "beta", CMD_SYMBOL, "β" }, { "gamma", CMD_SYMBOL, "γ" },
  { "delta", CMD_SYMBOL, "δ" }, { "epsilon", CMD_SYMBOL, "ϵ" }, { "varepsilon", CMD_SYMBOL, "ε" },
  { "zeta", CMD_SYMBOL, "ζ" }, { "eta", CMD_SYMBOL, "η" }, { "theta", CMD_SYMBOL, "θ" },
  { "vartheta", CMD_SYMBOL, "ϑ" }, { "iota", CMD_SYMBOL, "ι" }, { "kappa", CMD_SYMBOL, "κ" },
  { "lambda", CMD_SYMBOL, "λ" }, { "mu", CMD_SYMBOL, "μ" }, { "nu", CMD_SYMBOL, "ν" },
  { "xi", CMD_SYMBOL, "ξ" }, { "pi", CMD_SYMBOL, "π" }, { "rho", CMD_SYMBOL, "ρ" },
  { "sigma", CMD_SYMBOL, "σ" }, { "tau", CMD_SYMBOL, "τ" }, { "upsilon", CMD_SYMBOL, "υ" },
  { "phi", CMD_SYMBOL, "ϕ" }, { "varphi", CMD_SYMBOL, "φ" }, { "chi", CMD_SYMBOL, "χ" },
  { "psi", CMD_SYMBOL, "ψ" }, { "omega", CMD_SYMBOL, "ω" },
  { "Gamma", CMD_SYMBOL, "Γ" }, { "Delta", CMD_SYMBOL, "Δ" }, { "Theta", CMD_SYMBOL, "Θ" },
  { "Lambda", CMD_SYMBOL, "Λ" }, { "Xi", CMD_SYMBOL, "Ξ" }, { "Pi", CMD_SYMBOL, "Π" },
  { "Sigma", CMD_SYMBOL, "Σ" }, { "Upsilon", CMD_SYMBOL, "Υ" }, { "Phi", CMD_SYMBOL, "Φ" },
  { "Psi", CMD_SYMBOL, "Ψ" }, { "Omega", CMD_SYMBOL, "Ω" },
  /* other letters and symbols */
  { "infty", CMD_SYMBOL, "∞" }, { "nabla", CMD_SYMBOL, "∇" }, { "partial", CMD_SYMBOL, "∂" },
  { "ell", CMD_SYMBOL, "ℓ" }, { "hbar", CMD_SYMBOL, "ℏ" }, { "top", CMD_SYMBOL, "⊤" },
  { "intercal", CMD_SYMBOL, "⊺" }, { "perp", CMD_SYMBOL, "⊥", MLR_MATH_REL },
  { "prime", CMD_SYMBOL, "′" }, { "forall", CMD_SYMBOL, "∀" }, { "exists", CMD_SYMBOL, "∃" },
  { "emptyset", CMD_SYMBOL, "∅" }, { "varnothing", CMD_SYMBOL, "∅" },
  { "ldots", CMD_SYMBOL, "…", MLR_MATH_INNER }, { "dots", CMD_SYMBOL, "…", MLR_MATH_INNER },
  { "cdots", CMD_SYMBOL, "⋯", MLR_MATH_INNER }, { "vdots", CMD_SYMBOL, "⋮" },
  { "ddots", CMD_SYMBOL, "⋱" }, { "neg", CMD_SYMBOL, "¬" }, { "lnot", CMD_SYMBOL, "¬" },
  { "angle", CMD_SYMBOL, "∠" }, { "checkmark", CMD_SYMBOL, "✓" },
  /* binary operators */
  { "pm", CMD_SYMBOL, "±", MLR_MATH_BIN }, { "mp", CMD_SYMBOL, "∓", MLR_MATH_BIN },
  { "times", CMD_SYMBOL, "×", MLR_MATH_BIN }, { "cdot", CMD_SYMBOL, "·", MLR_MATH_BIN },
  { "div", CMD_SYMBOL, "÷", MLR_MATH_BIN }, { "circ", CMD_SYMBOL, "∘", MLR_MATH_BIN },
  { "ast", CMD_SYMBOL, "∗", MLR_MATH_BIN }, { "star", CMD_SYMBOL, "⋆", MLR_MATH_BIN },
  { "cup", CMD_SYMBOL, "∪", MLR_MATH_BIN }, { "cap", CMD_SYMBOL, "∩", MLR_MATH_BIN },
  { "setminus", CMD_SYMBOL, "∖", MLR_MATH_BIN }, { "land", CMD_SYMBOL, "∧", MLR_MATH_BIN },
  { "wedge", CMD_SYMBOL, "∧", MLR_MATH_BIN }, { "lor", CMD_SYMBOL, "∨", MLR_MATH_BIN },
  { "vee", CMD_SYMBOL, "∨", MLR_MATH_BIN }, { "otimes", CMD_SYMBOL, "⊗", MLR_MATH_BIN },
  { "oplus", CMD_SYMBOL, "⊕", MLR_MATH_BIN }, { "odot", CMD_SYMBOL, "⊙", MLR_MATH_BIN },
  /* relations and arrows */
  { "le", CMD_SYMBOL, "≤", MLR_MATH_REL }, { "leq", CMD_SYMBOL, "≤", MLR_MATH_REL },
  { "ge", CMD_SYMBOL, "≥", MLR_MATH_REL }, { "geq", CMD_SYMBOL, "≥", MLR_MATH_REL },
  { "ne", CMD_SYMBOL, "≠", MLR_MATH_REL }, { "neq", CMD_SYMBOL, "≠", MLR_MATH_REL },
  { "ll", CMD_SYMBOL, "≪", MLR_MATH_REL }, { "gg", CMD_SYMBOL, "≫", MLR_MATH_REL },
  { "approx", CMD_SYMBOL, "≈", MLR_MATH_REL }, { "sim", CMD_SYMBOL, "∼", MLR_MATH_REL },
  { "simeq", CMD_SYMBOL, "≃", MLR_MATH_REL }, { "cong", CMD_SYMBOL, "≅", MLR_MATH_REL },
  { "equiv", CMD_SYMBOL, "≡", MLR_MATH_REL }, { "propto", CMD_SYMBOL, "∝", MLR_MATH_REL },
  { "in", CMD_SYMBOL, "∈", MLR_MATH_REL }, { "notin", CMD_SYMBOL, "∉", MLR_MATH_REL },
  { "ni", CMD_SYMBOL, "∋", MLR_MATH_REL }, { "subset", CMD_SYMBOL, "⊂", MLR_MATH_REL },
  { "subseteq", CMD_SYMBOL, "⊆", MLR_MATH_REL }, { "supset", CMD_SYMBOL, "⊃", MLR_MATH_REL },
  { "supseteq", CMD_SYMBOL, "⊇", MLR_MATH_REL }, { "mid", CMD_SYMBOL, "∣", MLR_MATH_REL },
  { "parallel", CMD_SYMBOL, "∥", MLR_MATH_REL },
  { "to", CMD_SYMBOL, "→", MLR_MATH_REL }, { "rightarrow", CMD_SYMBOL, "→", MLR_MATH_REL },
  { "leftarrow", CMD_SYMBOL, "←", MLR_MATH_REL }, { "gets", CMD_SYMBOL, "←", MLR_MATH_REL },
  { "leftrightarrow", CMD_SYMBOL, "↔", MLR_MATH_REL },
  { "Rightarrow", CMD_SYMBOL, "⇒", MLR_MATH_REL }, { "implies", CMD_SYMBOL, "⟹", MLR_MATH_REL },
  { "Leftarrow", CMD_SYMBOL, "⇐", MLR_MATH_REL }, { "impliedby", CMD_SYMBOL, "⟸", MLR_MATH_REL },
  { "Leftrightarrow", CMD_SYMBOL, "⇔", MLR_MATH_REL }, { "iff", CMD_SYMBOL, "⟺", MLR_MATH_REL },
  { "mapsto", CMD_SYMBOL, "↦", MLR_MATH_REL }, { "uparrow", CMD_SYMBOL, "↑", MLR_MATH_REL },
  { "downarrow", CMD_SYMBOL, "↓", MLR_MATH_REL },
  { "coloneqq", CMD_SYMBOL, "≔", MLR_MATH_REL },
  /* delimiters (classes say how they space when not grown) */
  { "{", CMD_SYMBOL, "{", MLR_MATH_OPEN }, { "}", CMD_SYMBOL, "}", MLR_MATH_CLOSE },
  { "lbrace", CMD_SYMBOL, "{", MLR_MATH_OPEN }, { "rbrace", CMD_SYMBOL, "}", MLR_MATH_CLOSE },
  { "langle", CMD_SYMBOL, "⟨", MLR_MATH_OPEN }, { "rangle", CMD_SYMBOL, "⟩", MLR_MATH_CLOSE },
  { "lfloor", CMD_SYMBOL, "⌊", MLR_MATH_OPEN }, { "rfloor", CMD_SYMBOL, "⌋", MLR_MATH_CLOSE },
  { "lceil", CMD_SYMBOL, "⌈", MLR_MATH_OPEN }, { "rceil", CMD_SYMBOL, "⌉", MLR_MATH_CLOSE },
  { "lvert", CMD_SYMBOL, "|", MLR_MATH_OPEN }, { "rvert", CMD_SYMBOL, "|", MLR_MATH_CLOSE },
  { "lVert", CMD_SYMBOL, "‖", MLR_MATH_OPEN }, { "rVert", CMD_SYMBOL, "‖", MLR_MATH_CLOSE },
  { "vert", CMD_SYMBOL, "|" }, { "Vert", CMD_SYMBOL, "‖" }, { "|", CMD_SYMBOL, "‖" },
  /* escaped characters */
  { "_", CMD_SYMBOL, "_" }, { "%", CMD_SYMBOL, "%" }, { "&", CMD_SYMBOL, "&" },
  { "#", CMD_SYMBOL, "#" }, { "$", CMD_SYMBOL, "$" },
  /* big operators: limits above and below in display */
  { "sum", CMD_SYMBOL, "∑", MLR_MATH_OP, TRUE }, { "prod", CMD_SYMBOL, "∏", MLR_MATH_OP, TRUE },
  { "coprod", CMD_SYMBOL, "∐", MLR_MATH_OP, TRUE },
  { "bigcup", CMD_SYMBOL, "⋃", MLR_MATH_OP, TRUE }, { "bigcap", CMD_SYMBOL, "⋂", MLR_MATH_OP, TRUE },
  { "int", CMD_SYMBOL, "∫", MLR_MATH_OP, FALSE }, { "iint", CMD_SYMBOL, "∬", MLR_MATH_OP, FALSE },
  { "oint", CMD_SYMBOL, "∮", MLR_MATH_OP, FALSE },
  /* function names: upright, class OP; some take limits */
  { "min", CMD_SYMBOL, "min", MLR_MATH_OP, TRUE }, { "max", CMD_SYMBOL, "max", MLR_MATH_OP, TRUE },
  { "argmin", CMD_SYMBOL, "arg min", MLR_MATH_OP, TRUE },
  { "argmax", CMD_SYMBOL, "arg max", MLR_MATH_OP, TRUE },
  { "lim", CMD_SYMBOL, "lim", MLR_MATH_OP, TRUE }, { "sup", CMD_SYMBOL, "sup", MLR_MATH_OP, TRUE },
  { "inf", CMD_SYMBOL, "inf", MLR_MATH_OP, TRUE }, { "det", CMD_SYMBOL, "det", MLR_MATH_OP, TRUE },
  { "Pr", CMD_SYMBOL, "Pr", MLR_MATH_OP, TRUE },
  { "log", CMD_SYMBOL, "log", MLR_MATH_OP }, { "ln", CMD_SYMBOL, "ln", MLR_MATH_OP },
  { "exp", CMD_SYMBOL, "exp", MLR_MATH_OP }, { "sin", CMD_SYMBOL, "sin", MLR_MATH_OP },
  { "cos", CMD_SYMBOL, "cos", MLR_MATH_OP }, { "tan", CMD_SYMBOL, "tan", MLR_MATH_OP },
  { "tanh", CMD_SYMBOL, "tanh", MLR_MATH_OP }, { "arg", CMD_SYMBOL, "arg", MLR_MATH_OP },
  { "dim", CMD_SYMBOL, "dim", MLR_MATH_OP }, { "ker", CMD_SYMBOL, "ker", MLR_MATH_OP },
  { "deg", CMD_SYMBOL, "deg", MLR_MATH_OP },
  /* structure */
  { "frac", CMD_FRAC, NULL, 0, MLR_MATH_FRAC_AUTO },
  { "dfrac", CMD_FRAC, NULL, 0, MLR_MATH_FRAC_DISPLAY },
  { "tfrac", CMD_FRAC, NULL, 0, MLR_MATH_FRAC_TEXT },
  { "sqrt", CMD_SQRT },
  { "hat", CMD_ACCENT, "ˆ" }, { "widehat", CMD_ACCENT, "ˆ" }, { "bar", CMD_ACCENT, "¯" },
  { "overline", CMD_ACCENT, "¯" }, { "tilde", CMD_ACCENT, "˜" }, { "widetilde", CMD_ACCENT, "˜" },
  { "vec", CMD_ACCENT, "→" }, { "dot", CMD_ACCENT, "˙" }, { "ddot", CMD_ACCENT, "¨" },
  { "mathbb", CMD_FONT, NULL, 0, MLR_MATH_FONT_BLACKBOARD },
  { "mathbf", CMD_FONT, NULL, 0, MLR_MATH_FONT_BOLD },
  { "boldsymbol", CMD_FONT, NULL, 0, MLR_MATH_FONT_BOLD },
  { "bm", CMD_FONT, NULL, 0, MLR_MATH_FONT_BOLD },
  { "mathrm", CMD_FONT, NULL, 0, MLR_MATH_FONT_ROMAN },
  { "mathcal", CMD_FONT, NULL, 0, MLR_MATH_FONT_CALLIGRAPHIC },
  { "text", CMD_TEXT }, { "textrm", CMD_TEXT }, { "mbox", CMD_TEXT },
  { "operatorname", CMD_OPERATORNAME },
  { "left", CMD_LEFT }, { "right", CMD_RIGHT },
  { "begin", CMD_BEGIN }, { "end", CMD_END },
  { ",", CMD_SPACE, NULL, 0, 3 }, { ":", CMD_SPACE, NULL, 0, 4 }, { ">", CMD_SPACE, NULL, 0, 4 },
  { ";", CMD_SPACE, NULL, 0, 5 }, { "!", CMD_SPACE, NULL, 0, -3 }, { " ", CMD_SPACE, NULL, 0, 6 },
  { "quad", CMD_SPACE, NULL, 0, 18 }, { "qquad", CMD_SPACE, NULL, 0, 36 },
  { "limits", CMD_LIMITS, NULL, 0, TRUE }, { "nolimits", CMD_LIMITS, NULL, 0, FALSE },
};

static const struct {
  const char *name;
  MlrMathEnv  env;
} environments[] = {
  { "matrix", MLR_MATH_ENV_MATRIX }, { "pmatrix", MLR_MATH_ENV_PMATRIX },
  { "bmatrix", MLR_MATH_ENV_BMATRIX }, { "vmatrix", MLR_MATH_ENV_VMATRIX },
  { "cases", MLR_MATH_ENV_CASES }, { "aligned", MLR_MATH_ENV_ALIGNED },
};

static const Command *
lookup_command (const char *name,
                gsize       len)
{
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    if (strlen (commands[i].name) == len && strncmp (commands[i].name, name, len) == 0)
      return &commands[i];
  return NULL;
}

/**
 * mlr_math_suggest_command:
 * @name: a command name without its backslash
 *
 * Returns: (nullable): the known command closest to @name (at most two edits away, and
 *   fewer than its length), for "did you mean" in an error; %NULL when none is close.
 */
const char *
mlr_math_suggest_command (const char *name)
{
  const char *best = NULL;
  guint best_d = 3, len = strlen (name);

  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    {
      guint d;
      if (!g_ascii_isalpha (commands[i].name[0]))
        continue;
      d = mlr_edit_distance (name, commands[i].name, 2);
      if (d < best_d && d < len)
        {
          best = commands[i].name;
          best_d = d;
        }
    }
  return best;
}

/* ---------------------------------------------------------------- nodes */

static MlrMathNode *
node_new (MlrMathKind kind,
          gsize       offset)
{
  MlrMathNode *n = g_new0 (MlrMathNode, 1);

  n->kind = kind;
  n->offset = offset;
  return n;
}

static void
node_add (MlrMathNode *parent,
          MlrMathNode *child)
{
  if (parent->kids == NULL)
    parent->kids = g_ptr_array_new_with_free_func ((GDestroyNotify) mlr_math_node_free);
  g_ptr_array_add (parent->kids, child);
}

void
mlr_math_node_free (MlrMathNode *node)
{
  if (node == NULL)
    return;
  g_free (node->text);
  g_free (node->text2);
  g_clear_pointer (&node->kids, g_ptr_array_unref);
  g_free (node);
}

/* ---------------------------------------------------------------- the parser */

typedef struct {
  const char  *src;
  const char  *p;
  guint        depth;
  gsize        error_offset;
  GError     **error;
} Parser;

/* What ends a row: the end of the formula, a closing brace, \right, & or \\, \end. */
typedef enum {
  END_FORMULA,
  END_BRACE,
  END_RIGHT,
  END_CELL,      /* inside an environment: & or \\ or \end */
  END_BRACKET,   /* the index of \sqrt[...] */
} RowEnd;

static gboolean G_GNUC_PRINTF (3, 4)
fail_at (Parser     *p,
         const char *where,
         const char *format,
         ...)
{
  va_list ap;

  if (p->error != NULL && *p->error != NULL)
    return FALSE;
  p->error_offset = where - p->src;
  va_start (ap, format);
  if (p->error != NULL)
    *p->error = g_error_new_valist (MLR_MATH_ERROR, MLR_MATH_ERROR_SYNTAX, format, ap);
  va_end (ap);
  return FALSE;
}

static void
skip_space (Parser *p)
{
  while (*p->p == ' ' || *p->p == '\t' || *p->p == '\n' || *p->p == '\r')
    p->p++;
}

/* The command name at p->p (after the backslash): letters, or one other character. */
static gsize
command_length (const char *s)
{
  gsize n = 0;

  if (!g_ascii_isalpha (s[0]))
    return s[0] == '\0' ? 0 : 1;
  while (g_ascii_isalpha (s[n]))
    n++;
  return n;
}

static MlrMathNode *parse_row (Parser *p, RowEnd end);

static gboolean
enter (Parser     *p,
       const char *where)
{
  /* a level of braces is a row and an atom: two steps */
  if (++p->depth > 2 * MLR_MATH_MAX_DEPTH)
    {
      fail_at (p, where, _("the formula nests more than %d deep"), MLR_MATH_MAX_DEPTH);
      if (p->error != NULL && *p->error != NULL)
        (*p->error)->code = MLR_MATH_ERROR_TOO_DEEP;
      return FALSE;
    }
  return TRUE;
}

static MlrMathClass
char_class (gunichar c)
{
  switch (c)
    {
    case '+': case 0x2212: case '*': case 0xB1: case 0xD7: case 0xB7: case 0x22C5:
    case 0x2213: case 0xF7: case 0x2218: case 0x222A: case 0x2229: case 0x2227: case 0x2228:
    case 0x2297: case 0x2295:
      return MLR_MATH_BIN;
    case '=': case '<': case '>': case 0x2264: case 0x2265: case 0x2260: case 0x2248:
    case 0x223C: case 0x2261: case 0x221D: case 0x2208: case 0x2209: case 0x2282: case 0x2286:
    case 0x2192: case 0x2190: case 0x21D2: case 0x21D4: case 0x27F9: case 0x27FA: case 0x21A6:
    case 0x226A: case 0x226B: case 0x2254: case ':':
      return MLR_MATH_REL;
    case '(': case '[': case 0x27E8: case 0x230A: case 0x2308:
      return MLR_MATH_OPEN;
    case ')': case ']': case 0x27E9: case 0x230B: case 0x2309:
      return MLR_MATH_CLOSE;
    case ',': case ';':
      return MLR_MATH_PUNCT;
    case 0x2211: case 0x220F: case 0x222B:
      return MLR_MATH_OP;
    default:
      return MLR_MATH_ORD;
    }
}

static MlrMathNode *
symbol_new (const char   *text,
            gsize         len,
            MlrMathClass  cls,
            gsize         offset)
{
  MlrMathNode *n = node_new (MLR_MATH_SYMBOL, offset);

  n->text = g_strndup (text, len);
  n->cls = cls;
  return n;
}

/* One argument of a command: a group { ... } or a single token. */
static MlrMathNode *parse_atom (Parser *p, gboolean as_argument);

static MlrMathNode *
parse_argument (Parser     *p,
                const char *command)
{
  MlrMathNode *arg;

  skip_space (p);
  if (*p->p == '\0' || *p->p == '}' || *p->p == '&' || *p->p == '^' || *p->p == '_')
    {
      fail_at (p, p->p, _("\\%s needs an argument here"), command);
      return NULL;
    }
  arg = parse_atom (p, TRUE);
  return arg;
}

/* The raw text of a { ... } group (for \text, \operatorname, \begin): braces balanced. */
static char *
parse_raw_group (Parser     *p,
                 const char *command)
{
  const char *start;
  int level = 1;

  skip_space (p);
  if (*p->p != '{')
    {
      fail_at (p, p->p, _("\\%s needs its argument in braces, as in \\%s{...}"), command,
               command);
      return NULL;
    }
  start = ++p->p;
  while (*p->p != '\0')
    {
      if (*p->p == '\\' && p->p[1] != '\0')
        p->p++;
      else if (*p->p == '{')
        level++;
      else if (*p->p == '}' && --level == 0)
        {
          char *text = g_strndup (start, p->p - start);
          p->p++;
          return text;
        }
      p->p++;
    }
  fail_at (p, start - 1, _("this { of \\%s is never closed"), command);
  return NULL;
}

/* A delimiter after \left or \right: a character, an escaped brace, or a command like
 * \langle or \|; "." is none. Returns its text ("" for none). */
static char *
parse_delimiter (Parser     *p,
                 const char *command)
{
  skip_space (p);
  if (*p->p == '.')
    {
      p->p++;
      return g_strdup ("");
    }
  if (strchr ("()[]|/", *p->p) != NULL && *p->p != '\0')
    return g_strndup (p->p++, 1);
  if (*p->p == '\\')
    {
      gsize len = command_length (p->p + 1);
      const Command *c = lookup_command (p->p + 1, len);

      if (c != NULL && c->kind == CMD_SYMBOL &&
          (c->cls == MLR_MATH_OPEN || c->cls == MLR_MATH_CLOSE || g_str_equal (c->text, "|") ||
           g_str_equal (c->text, "‖")))
        {
          p->p += 1 + len;
          return g_strdup (c->text);
        }
    }
  {
    /* a delimiter typed as Unicode */
    gunichar ch = g_utf8_get_char (p->p);
    if (ch == 0x27E8 || ch == 0x27E9 || ch == 0x2016 || ch == 0x230A || ch == 0x230B ||
        ch == 0x2308 || ch == 0x2309)
      {
        const char *start = p->p;
        p->p = g_utf8_next_char (p->p);
        return g_strndup (start, p->p - start);
      }
  }
  fail_at (p, p->p, _("\\%s needs a delimiter after it: one of ( ) [ ] | \\{ \\} \\langle "
                      "\\rangle \\| or . for none"), command);
  return NULL;
}

static MlrMathNode *
parse_fenced (Parser     *p,
              const char *start)
{
  g_autoptr(MlrMathNode) n = node_new (MLR_MATH_FENCED, start - p->src);
  MlrMathNode *body;

  n->cls = MLR_MATH_INNER;
  n->text = parse_delimiter (p, "left");
  if (n->text == NULL)
    return NULL;
  body = parse_row (p, END_RIGHT);
  if (body == NULL)
    return NULL;
  node_add (n, body);
  if (!g_str_has_prefix (p->p, "\\right"))
    {
      fail_at (p, start, _("this \\left has no \\right to close it"));
      return NULL;
    }
  p->p += strlen ("\\right");
  n->text2 = parse_delimiter (p, "right");
  if (n->text2 == NULL)
    return NULL;
  return g_steal_pointer (&n);
}

static MlrMathNode *
parse_environment (Parser     *p,
                   const char *start)
{
  g_autofree char *name = parse_raw_group (p, "begin");
  g_autoptr(MlrMathNode) n = NULL;
  g_autoptr(GPtrArray) rows = NULL;  /* GPtrArray* of MlrMathNode* per row */
  guint cols = 0;
  gboolean found = FALSE;

  if (name == NULL)
    return NULL;
  n = node_new (MLR_MATH_TABLE, start - p->src);
  n->cls = MLR_MATH_INNER;
  for (guint i = 0; i < G_N_ELEMENTS (environments); i++)
    if (g_str_equal (environments[i].name, g_strstrip (name)))
      {
        n->env = environments[i].env;
        found = TRUE;
      }
  if (!found)
    {
      fail_at (p, start, _("unknown environment “%s”: the ones that work are matrix, "
                           "pmatrix, bmatrix, vmatrix, cases and aligned"), name);
      return NULL;
    }
  rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);
  g_ptr_array_add (rows, g_ptr_array_new_with_free_func ((GDestroyNotify) mlr_math_node_free));
  for (;;)
    {
      GPtrArray *row = g_ptr_array_index (rows, rows->len - 1);
      MlrMathNode *cell = parse_row (p, END_CELL);

      if (cell == NULL)
        return NULL;
      g_ptr_array_add (row, cell);
      cols = MAX (cols, row->len);
      if (*p->p == '&')
        p->p++;
      else if (g_str_has_prefix (p->p, "\\\\"))
        {
          p->p += 2;
          g_ptr_array_add (rows,
                           g_ptr_array_new_with_free_func ((GDestroyNotify) mlr_math_node_free));
        }
      else if (g_str_has_prefix (p->p, "\\end"))
        {
          const char *end_at = p->p;
          g_autofree char *end_name = NULL;

          p->p += strlen ("\\end");
          end_name = parse_raw_group (p, "end");
          if (end_name == NULL)
            return NULL;
          if (!g_str_equal (g_strstrip (end_name), name))
            {
              fail_at (p, end_at, _("\\end{%s} closes \\begin{%s}"), end_name, name);
              return NULL;
            }
          break;
        }
      else
        {
          fail_at (p, start, _("this \\begin{%s} has no \\end{%s}"), name, name);
          return NULL;
        }
    }
  /* a trailing \\ before \end leaves an empty last row: drop it */
  if (rows->len > 1)
    {
      GPtrArray *last = g_ptr_array_index (rows, rows->len - 1);
      MlrMathNode *only = last->len == 1 ? g_ptr_array_index (last, 0) : NULL;
      if (only != NULL && (only->kids == NULL || only->kids->len == 0))
        g_ptr_array_remove_index (rows, rows->len - 1);
    }
  n->n_rows = rows->len;
  n->n_cols = cols;
  for (guint r = 0; r < rows->len; r++)
    {
      GPtrArray *row = g_ptr_array_index (rows, r);
      guint len = row->len;

      for (guint c = 0; c < cols; c++)
        node_add (n, c < len ? g_ptr_array_steal_index (row, 0)
                             : node_new (MLR_MATH_ROW, p->p - p->src));
    }
  return g_steal_pointer (&n);
}

/* Attaches ^ and _ (and primes) that follow to @base. */
static MlrMathNode *
parse_scripts (Parser      *p,
               MlrMathNode *base)
{
  MlrMathNode *sub = NULL, *sup = NULL, *n;
  guint primes = 0;

  for (;;)
    {
      const char *at;

      skip_space (p);
      at = p->p;
      if (*p->p == '\'')
        {
          if (sup != NULL)
            {
              fail_at (p, at, _("a prime after a superscript: write x'^2, not x^2'"));
              mlr_math_node_free (base);
              mlr_math_node_free (sub);
              mlr_math_node_free (sup);
              return NULL;
            }
          primes++;
          p->p++;
          continue;
        }
      if (*p->p != '^' && *p->p != '_')
        break;
      p->p++;
      if ((*at == '^' && sup != NULL) || (*at == '_' && sub != NULL))
        {
          fail_at (p, at, *at == '^' ? _("a second superscript: group them, as in x^{ab}")
                                     : _("a second subscript: group them, as in x_{ij}"));
          mlr_math_node_free (base);
          mlr_math_node_free (sub);
          mlr_math_node_free (sup);
          return NULL;
        }
      {
        MlrMathNode *arg = parse_argument (p, *at == '^' ? "^" : "_");
        if (arg == NULL)
          {
            mlr_math_node_free (base);
            mlr_math_node_free (sub);
            mlr_math_node_free (sup);
            return NULL;
          }
        if (*at == '^')
          sup = arg;
        else
          sub = arg;
      }
    }
  if (primes > 0)
    {
      GString *s = g_string_new (NULL);
      MlrMathNode *prime_row = node_new (MLR_MATH_ROW, base ? base->offset : 0);

      for (guint i = 0; i < primes; i++)
        g_string_append (s, "′");
      node_add (prime_row, symbol_new (s->str, s->len, MLR_MATH_ORD, base ? base->offset : 0));
      g_string_free (s, TRUE);
      if (sup != NULL)
        node_add (prime_row, sup);
      sup = prime_row;
    }
  if (sub == NULL && sup == NULL)
    return base;
  n = node_new (MLR_MATH_SCRIPTS, base ? base->offset : 0);
  n->cls = base ? base->cls : MLR_MATH_ORD;
  node_add (n, base ? base : node_new (MLR_MATH_ROW, 0));
  node_add (n, sub);
  node_add (n, sup);
  return n;
}

/* One item: a symbol, a group or a command with its arguments (not its scripts). */
static MlrMathNode *
parse_atom (Parser   *p,
            gboolean  as_argument)
{
  const char *start = p->p;
  gunichar c;

  if (!enter (p, start))
    return NULL;
  c = (guchar) *p->p;
  if (c == '{')
    {
      MlrMathNode *group;

      p->p++;
      group = parse_row (p, END_BRACE);
      if (group == NULL)
        {
          p->depth--;
          return NULL;
        }
      if (*p->p != '}')
        {
          mlr_math_node_free (group);
          p->depth--;
          return fail_at (p, start, _("this { is never closed")), NULL;
        }
      p->p++;
      p->depth--;
      group->braced = TRUE;
      return group;
    }
  if (c == '&' || (c == '\\' && p->p[1] == '\\'))
    {
      p->depth--;
      return fail_at (p, start, _("& and \\\\ only work inside an environment such as "
                                  "\\begin{pmatrix}")), NULL;
    }
  if (c == '\\')
    {
      gsize len = command_length (p->p + 1);
      const Command *cmd = lookup_command (p->p + 1, len);
      g_autofree char *name = g_strndup (p->p + 1, len);
      MlrMathNode *n = NULL;

      if (len == 0)
        {
          p->depth--;
          return fail_at (p, start, _("a lone \\ at the end of the formula")), NULL;
        }
      if (cmd == NULL)
        {
          const char *near = mlr_math_suggest_command (name);
          if (near != NULL)
            fail_at (p, start, _("unknown command \\%s — did you mean \\%s?"), name, near);
          else
            fail_at (p, start, _("unknown command \\%s"), name);
          if (p->error != NULL && *p->error != NULL)
            (*p->error)->code = MLR_MATH_ERROR_UNKNOWN_COMMAND;
          p->depth--;
          return NULL;
        }
      p->p += 1 + len;
      switch (cmd->kind)
        {
        case CMD_SYMBOL:
          n = symbol_new (cmd->text, strlen (cmd->text), cmd->cls, start - p->src);
          n->limits = cmd->cls == MLR_MATH_OP && cmd->arg;
          break;
        case CMD_FRAC:
          {
            MlrMathNode *num = parse_argument (p, name), *den = num ? parse_argument (p, name)
                                                                    : NULL;
            if (den == NULL)
              {
                mlr_math_node_free (num);
                break;
              }
            n = node_new (MLR_MATH_FRAC, start - p->src);
            n->cls = MLR_MATH_INNER;
            n->frac_style = cmd->arg;
            node_add (n, num);
            node_add (n, den);
          }
          break;
        case CMD_SQRT:
          {
            MlrMathNode *index = NULL, *body;

            skip_space (p);
            if (*p->p == '[')
              {
                const char *open = p->p++;
                index = parse_row (p, END_BRACKET);
                if (index == NULL)
                  break;
                if (*p->p != ']')
                  {
                    mlr_math_node_free (index);
                    fail_at (p, open, _("this [ of \\sqrt is never closed"));
                    break;
                  }
                p->p++;
              }
            body = parse_argument (p, name);
            if (body == NULL)
              {
                mlr_math_node_free (index);
                break;
              }
            n = node_new (MLR_MATH_SQRT, start - p->src);
            node_add (n, body);
            node_add (n, index);
          }
          break;
        case CMD_ACCENT:
        case CMD_FONT:
          {
            MlrMathNode *body = parse_argument (p, name);
            if (body == NULL)
              break;
            n = node_new (cmd->kind == CMD_ACCENT ? MLR_MATH_ACCENT : MLR_MATH_FONT,
                          start - p->src);
            if (cmd->kind == CMD_ACCENT)
              n->text = g_strdup (cmd->text);
            else
              n->font = cmd->arg;
            node_add (n, body);
          }
          break;
        case CMD_TEXT:
        case CMD_OPERATORNAME:
          {
            gboolean star = cmd->kind == CMD_OPERATORNAME && *p->p == '*';
            char *text;

            if (star)
              p->p++;
            text = parse_raw_group (p, name);
            if (text == NULL)
              break;
            n = node_new (MLR_MATH_TEXT, start - p->src);
            n->text = text;
            n->cls = cmd->kind == CMD_OPERATORNAME ? MLR_MATH_OP : MLR_MATH_ORD;
            n->limits = star;
          }
          break;
        case CMD_LEFT:
          n = parse_fenced (p, start);
          break;
        case CMD_RIGHT:
          fail_at (p, start, _("this \\right has no \\left before it"));
          break;
        case CMD_BEGIN:
          n = parse_environment (p, start);
          break;
        case CMD_END:
          fail_at (p, start, _("this \\end has no \\begin before it"));
          break;
        case CMD_SPACE:
          n = node_new (MLR_MATH_SPACE, start - p->src);
          n->space = cmd->arg;
          break;
        case CMD_LIMITS:
          fail_at (p, start, _("\\%s goes right after a big operator, as in \\sum\\limits"),
                   name);
          break;
        default:
          g_assert_not_reached ();
        }
      p->depth--;
      return n;
    }
  if (c == '}')
    {
      p->depth--;
      return fail_at (p, start, _("this } has no { before it")), NULL;
    }
  if (c == '^' || c == '_')
    {
      p->depth--;
      return fail_at (p, start, c == '^' ? _("a superscript with nothing before it")
                                         : _("a subscript with nothing before it")), NULL;
    }
  if (g_ascii_isdigit (c) || (c == '.' && g_ascii_isdigit (p->p[1])))
    {
      MlrMathNode *n;
      const char *q = p->p;

      /* a number is one unit; as an argument, one digit (\frac12 is 1/2, x^23 is x²3) */
      if (as_argument)
        q++;
      else
        while (g_ascii_isdigit (*q) || (*q == '.' && g_ascii_isdigit (q[1])))
          q++;
      n = symbol_new (p->p, q - p->p, MLR_MATH_ORD, start - p->src);
      n->number = TRUE;
      p->p = q;
      p->depth--;
      return n;
    }
  {
    gunichar u = g_utf8_get_char (p->p);
    const char *next = g_utf8_next_char (p->p);
    MlrMathNode *n;

    if (u == '-')
      n = symbol_new ("−", strlen ("−"), MLR_MATH_BIN, start - p->src);
    else if (u == '\'')
      n = symbol_new ("′", strlen ("′"), MLR_MATH_ORD, start - p->src);
    else
      n = symbol_new (p->p, next - p->p, char_class (u), start - p->src);
    p->p = next;
    p->depth--;
    return n;
  }
}

static MlrMathNode *
parse_row (Parser *p,
           RowEnd  end)
{
  g_autoptr(MlrMathNode) row = node_new (MLR_MATH_ROW, p->p - p->src);

  if (!enter (p, p->p))
    return NULL;
  for (;;)
    {
      MlrMathNode *atom;

      skip_space (p);
      if (*p->p == '\0')
        break;  /* for any end but END_FORMULA, the caller says what is left open */
      if (*p->p == '}' && end == END_BRACE)
        break;
      if (*p->p == ']' && end == END_BRACKET)
        break;
      if (end == END_RIGHT && g_str_has_prefix (p->p, "\\right"))
        break;
      if (end == END_CELL &&
          (*p->p == '&' || g_str_has_prefix (p->p, "\\\\") || g_str_has_prefix (p->p, "\\end")))
        break;
      if (g_str_has_prefix (p->p, "\\limits") || g_str_has_prefix (p->p, "\\nolimits"))
        {
          MlrMathNode *last = row->kids && row->kids->len ? g_ptr_array_index (row->kids,
                                                                               row->kids->len - 1)
                                                          : NULL;
          gboolean on = p->p[1] == 'l';

          if (last != NULL && last->cls == MLR_MATH_OP &&
              (last->kind == MLR_MATH_SYMBOL || last->kind == MLR_MATH_TEXT))
            {
              p->p += on ? strlen ("\\limits") : strlen ("\\nolimits");
              last->limits = on;
              /* its scripts come after \limits */
              g_ptr_array_steal_index (row->kids, row->kids->len - 1);
              atom = parse_scripts (p, last);
              if (atom == NULL)
                {
                  p->depth--;
                  return NULL;
                }
              node_add (row, atom);
              continue;
            }
        }
      atom = parse_atom (p, FALSE);
      if (atom == NULL)
        {
          p->depth--;
          return NULL;
        }
      if (!g_str_has_prefix (p->p, "\\limits") && !g_str_has_prefix (p->p, "\\nolimits"))
        atom = parse_scripts (p, atom);
      if (atom == NULL)
        {
          p->depth--;
          return NULL;
        }
      node_add (row, atom);
    }
  p->depth--;
  return g_steal_pointer (&row);
}

/**
 * mlr_math_parse:
 * @tex: a formula in the subset (UTF-8)
 * @error_offset: (out) (optional): where the error is, in bytes from the start of @tex
 *
 * Returns: (transfer full) (nullable): the formula as a ROW, or %NULL with @error set.
 */
MlrMathNode *
mlr_math_parse (const char  *tex,
                gsize       *error_offset,
                GError     **error)
{
  Parser p = { .src = tex, .p = tex, .error = error };
  const char *bad;
  MlrMathNode *row;

  g_return_val_if_fail (tex != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (error_offset != NULL)
    *error_offset = 0;
  if (strlen (tex) > MLR_MATH_MAX_LENGTH)
    {
      g_set_error (error, MLR_MATH_ERROR, MLR_MATH_ERROR_TOO_LONG,
                   _("the formula is longer than %d bytes"), MLR_MATH_MAX_LENGTH);
      return NULL;
    }
  if (!g_utf8_validate (tex, -1, &bad))
    {
      if (error_offset != NULL)
        *error_offset = bad - tex;
      g_set_error (error, MLR_MATH_ERROR, MLR_MATH_ERROR_ENCODING,
                   _("the formula is not valid UTF-8"));
      return NULL;
    }
  /* A local error, so that a caller passing NULL still learns of failure. */
  {
    GError *local = NULL;

    p.error = &local;
    row = parse_row (&p, END_FORMULA);
    if (row != NULL && *p.p != '\0')
      {
        mlr_math_node_free (row);
        row = NULL;
        if (local == NULL)
          fail_at (&p, p.p, _("unexpected “%c” here"), *p.p);
      }
    if (row == NULL)
      {
        if (local == NULL)
          fail_at (&p, p.p, _("the formula does not parse here"));
        if (error_offset != NULL)
          *error_offset = p.error_offset;
        g_propagate_error (error, local);
        return NULL;
      }
  }
  return row;
}

/* ---------------------------------------------------------------- reading aloud */

static const struct {
  const char *symbol;
  const char *words;
} spoken[] = {
  { "=", N_("equals") }, { "≠", N_("is not equal to") }, { "<", N_("is less than") },
  { ">", N_("is greater than") }, { "≤", N_("is at most") }, { "≥", N_("is at least") },
  { "≈", N_("is approximately") }, { "∼", N_("is distributed as") }, { "∝", N_("is proportional to") },
  { "≡", N_("is equivalent to") }, { "∈", N_("in") }, { "∉", N_("not in") },
  { "⊂", N_("subset of") }, { "⊆", N_("subset of or equal to") }, { "→", N_("to") },
  { "←", N_("gets") }, { "⇒", N_("implies") }, { "⟹", N_("implies") }, { "⟺", N_("if and only if") },
  { "⇔", N_("if and only if") }, { "↦", N_("maps to") }, { "+", N_("plus") }, { "−", N_("minus") },
  { "±", N_("plus or minus") }, { "×", N_("times") }, { "·", N_("times") }, { "÷", N_("divided by") },
  { "/", N_("over") }, { "∘", N_("composed with") }, { "⊙", N_("element-wise times") },
  { "∞", N_("infinity") }, { "∇", N_("gradient") }, { "∂", N_("partial") }, { "…", N_("dot dot dot") },
  { "⋯", N_("dot dot dot") }, { "(", N_("open paren") }, { ")", N_("close paren") },
  { "[", N_("open bracket") }, { "]", N_("close bracket") }, { "|", N_("vertical bar") },
  { "‖", N_("norm") }, { ",", N_("comma") }, { "′", N_("prime") }, { "′′", N_("double prime") },
  { "′′′", N_("triple prime") }, { "∣", N_("given") }, { "⌊", N_("the floor of") },
  { "⌋", N_("end floor") }, { "⌈", N_("the ceiling of") }, { "⌉", N_("end ceiling") },
  { "⟨", N_("the inner product of") }, { "⟩", N_("end inner product") }, { "{", N_("open brace") },
  { "}", N_("close brace") }, { "∑", N_("the sum") },
  { "∏", N_("the product") }, { "∫", N_("the integral") }, { "¬", N_("not") }, { "∧", N_("and") },
  { "∨", N_("or") }, { "∀", N_("for all") }, { "∃", N_("there exists") }, { "!", N_("factorial") },
  { "α", N_("alpha") }, { "β", N_("beta") }, { "γ", N_("gamma") }, { "δ", N_("delta") },
  { "ϵ", N_("epsilon") }, { "ε", N_("epsilon") }, { "ζ", N_("zeta") }, { "η", N_("eta") },
  { "θ", N_("theta") }, { "ι", N_("iota") }, { "κ", N_("kappa") }, { "λ", N_("lambda") },
  { "μ", N_("mu") }, { "ν", N_("nu") }, { "ξ", N_("xi") }, { "π", N_("pi") }, { "ρ", N_("rho") },
  { "σ", N_("sigma") }, { "τ", N_("tau") }, { "ϕ", N_("phi") }, { "φ", N_("phi") },
  { "χ", N_("chi") }, { "ψ", N_("psi") }, { "ω", N_("omega") }, { "Γ", N_("capital gamma") },
  { "Δ", N_("capital delta") }, { "Θ", N_("capital theta") }, { "Λ", N_("capital lambda") },
  { "Σ", N_("capital sigma") }, { "Φ", N_("capital phi") }, { "Ψ", N_("capital psi") },
  { "Ω", N_("capital omega") }, { "⊤", N_("transpose") },
};

static void speak_into (GString *s, const MlrMathNode *n);

static void
word (GString    *s,
      const char *w)
{
  if (w == NULL || *w == '\0')
    return;
  if (s->len > 0 && s->str[s->len - 1] != ' ')
    g_string_append_c (s, ' ');
  g_string_append (s, w);
}

static const char *
symbol_words (const char *text)
{
  for (guint i = 0; i < G_N_ELEMENTS (spoken); i++)
    if (g_str_equal (spoken[i].symbol, text))
      return _(spoken[i].words);
  return NULL;
}

/* "′", "′′" or "′′′": f′ is "f prime", not "f to the power prime". */
static gboolean
is_primes (const char *t)
{
  return g_str_equal (t, "′") || g_str_equal (t, "′′") || g_str_equal (t, "′′′");
}

/* A vector as the lessons write one: bold (\mathbf w) or with an arrow (\vec v), maybe
 * with scripts (\mathbf{w}^\top). Between two of them, · is a dot product, not "times". */
static gboolean
is_vector (const MlrMathNode *n)
{
  while (n != NULL && ((n->kind == MLR_MATH_ROW && n->kids != NULL && n->kids->len == 1) ||
                       n->kind == MLR_MATH_SCRIPTS))
    n = g_ptr_array_index (n->kids, 0);
  return n != NULL && ((n->kind == MLR_MATH_FONT && n->font == MLR_MATH_FONT_BOLD) ||
                       (n->kind == MLR_MATH_ACCENT && g_str_equal (n->text, "→")));
}

/* A kid that is a lone symbol or number, read as one word ("x squared", not "x to the
 * power of ... end power"). */
static gboolean
is_simple (const MlrMathNode *n)
{
  while (n != NULL && n->kind == MLR_MATH_ROW && n->kids != NULL && n->kids->len == 1)
    n = g_ptr_array_index (n->kids, 0);
  return n != NULL && (n->kind == MLR_MATH_SYMBOL || n->kind == MLR_MATH_TEXT);
}

static const char *
simple_text (const MlrMathNode *n)
{
  while (n->kind == MLR_MATH_ROW)
    n = g_ptr_array_index (n->kids, 0);
  return n->text;
}

static void
speak_kid (GString           *s,
           const MlrMathNode *n,
           guint              i)
{
  if (n->kids != NULL && i < n->kids->len)
    speak_into (s, g_ptr_array_index (n->kids, i));
}

static void
speak_into (GString           *s,
            const MlrMathNode *n)
{
  if (n == NULL)
    return;
  switch (n->kind)
    {
    case MLR_MATH_ROW:
      for (guint i = 0; n->kids != NULL && i < n->kids->len; i++)
        {
          const MlrMathNode *kid = g_ptr_array_index (n->kids, i);

          if (kid->kind == MLR_MATH_SYMBOL && g_str_equal (kid->text, "·") && i > 0 &&
              i + 1 < n->kids->len && is_vector (g_ptr_array_index (n->kids, i - 1)) &&
              is_vector (g_ptr_array_index (n->kids, i + 1)))
            word (s, _("dot"));
          else
            speak_kid (s, n, i);
        }
      break;
    case MLR_MATH_SYMBOL:
      {
        const char *w = symbol_words (n->text);
        word (s, w ? w : n->text);
      }
      break;
    case MLR_MATH_TEXT:
      word (s, n->text);
      break;
    case MLR_MATH_FRAC:
      if (is_simple (g_ptr_array_index (n->kids, 0)) && is_simple (g_ptr_array_index (n->kids, 1)))
        {
          speak_kid (s, n, 0);
          word (s, _("over"));
          speak_kid (s, n, 1);
        }
      else
        {
          word (s, _("the fraction"));
          speak_kid (s, n, 0);
          word (s, _("over"));
          speak_kid (s, n, 1);
          word (s, _("end fraction"));
        }
      break;
    case MLR_MATH_SQRT:
      if (g_ptr_array_index (n->kids, 1) != NULL)
        {
          word (s, _("the root of index"));
          speak_kid (s, n, 1);
          word (s, _("of"));
        }
      else
        word (s, _("the square root of"));
      speak_kid (s, n, 0);
      if (!is_simple (g_ptr_array_index (n->kids, 0)))
        word (s, _("end root"));
      break;
    case MLR_MATH_SCRIPTS:
      {
        const MlrMathNode *base = g_ptr_array_index (n->kids, 0);
        const MlrMathNode *sub = g_ptr_array_index (n->kids, 1);
        const MlrMathNode *sup = g_ptr_array_index (n->kids, 2);
        gboolean op = base != NULL && base->cls == MLR_MATH_OP;

        speak_into (s, base);
        if (op && base->kind == MLR_MATH_SYMBOL &&
            (g_str_equal (base->text, "∑") || g_str_equal (base->text, "∏") ||
             g_str_equal (base->text, "∫")))
          {
            if (sub != NULL)
              {
                word (s, _("from"));
                speak_into (s, sub);
              }
            if (sup != NULL)
              {
                word (s, _("to"));
                speak_into (s, sup);
              }
            word (s, _("of"));
            break;
          }
        if (sub != NULL)
          {
            word (s, op ? _("over") : _("sub"));
            speak_into (s, sub);
          }
        if (sup != NULL)
          {
            const char *t = is_simple (sup) ? simple_text (sup) : NULL;
            if (t != NULL && g_str_equal (t, "2"))
              word (s, _("squared"));
            else if (t != NULL && g_str_equal (t, "3"))
              word (s, _("cubed"));
            else if (t != NULL && (g_str_equal (t, "⊤") || g_str_equal (t, "T")))
              word (s, _("transposed"));
            else if (t != NULL && is_primes (t))
              word (s, symbol_words (t));
            else
              {
                word (s, _("to the power"));
                speak_into (s, sup);
                if (!is_simple (sup))
                  word (s, _("end power"));
              }
          }
      }
      break;
    case MLR_MATH_ACCENT:
      speak_kid (s, n, 0);
      word (s, g_str_equal (n->text, "ˆ") ? _("hat")
               : g_str_equal (n->text, "¯") ? _("bar")
               : g_str_equal (n->text, "˜") ? _("tilde")
               : g_str_equal (n->text, "→") ? _("vector")
               : g_str_equal (n->text, "˙") ? _("dot") : _("double dot"));
      break;
    case MLR_MATH_FENCED:
      if (g_str_equal (n->text, "‖") || g_str_equal (n->text, "|"))
        {
          word (s, g_str_equal (n->text, "‖") ? _("the norm of") : _("the absolute value of"));
          speak_kid (s, n, 0);
          word (s, g_str_equal (n->text, "‖") ? _("end norm") : _("end absolute value"));
        }
      else
        {
          word (s, symbol_words (n->text));
          speak_kid (s, n, 0);
          word (s, symbol_words (n->text2));
        }
      break;
    case MLR_MATH_FONT:
      speak_kid (s, n, 0);
      break;
    case MLR_MATH_TABLE:
      {
        g_autofree char *head = NULL;

        if (n->env == MLR_MATH_ENV_CASES)
          head = g_strdup (_("cases:"));
        else if (n->env == MLR_MATH_ENV_ALIGNED)
          head = g_strdup ("");
        else if (n->env == MLR_MATH_ENV_VMATRIX)
          head = g_strdup_printf (_("the determinant of the %u by %u matrix:"), n->n_rows,
                                  n->n_cols);
        else
          head = g_strdup_printf (_("the %u by %u matrix:"), n->n_rows, n->n_cols);
        word (s, head);
        for (guint r = 0; r < n->n_rows; r++)
          {
            if (n->env != MLR_MATH_ENV_ALIGNED)
              {
                g_autofree char *row = g_strdup_printf (_("row %u:"), r + 1);
                word (s, row);
              }
            for (guint c = 0; c < n->n_cols; c++)
              {
                if (c > 0 && n->env == MLR_MATH_ENV_CASES)
                  word (s, _("when"));
                else if (c > 0 && n->env != MLR_MATH_ENV_ALIGNED)
                  word (s, ",");
                speak_kid (s, n, r * n->n_cols + c);
              }
            if (r + 1 < n->n_rows)
              word (s, ";");
          }
        if (n->env == MLR_MATH_ENV_VMATRIX)
          word (s, _("end determinant"));
        else if (n->env != MLR_MATH_ENV_ALIGNED && n->env != MLR_MATH_ENV_CASES)
          word (s, _("end matrix"));
      }
      break;
    case MLR_MATH_SPACE:
      break;
    default:
      break;
    }
}

/**
 * mlr_math_speak:
 * Returns: (transfer full): the formula in words, for screen readers: "d L over d w equals
 *   the sum from i equals 1 to n of ..."
 */
char *
mlr_math_speak (const MlrMathNode *node)
{
  GString *s = g_string_new (NULL);
  char *text;

  speak_into (s, node);
  text = g_string_free (s, FALSE);
  /* "a , b" → "a, b" */
  {
    g_autoptr(GRegex) re = g_regex_new (" ([,;:])", 0, 0, NULL);
    char *tidy = g_regex_replace (re, text, -1, 0, "\\1", 0, NULL);
    if (tidy != NULL)
      {
        g_free (text);
        text = tidy;
      }
  }
  return text;
}

/* ---------------------------------------------------------------- for tests */

static void
dump_into (GString           *s,
           const MlrMathNode *n)
{
  static const char * const kinds[] = { "row", "sym", "text", "frac", "sqrt", "scripts",
                                        "accent", "fenced", "font", "table", "space" };
  if (n == NULL)
    {
      g_string_append (s, "-");
      return;
    }
  if (n->kind == MLR_MATH_SYMBOL)
    {
      g_string_append (s, n->text);
      if (n->limits)
        g_string_append (s, "!");
      return;
    }
  g_string_append_printf (s, "(%s", kinds[n->kind]);
  switch (n->kind)
    {
    case MLR_MATH_TEXT:
    case MLR_MATH_ACCENT:
      g_string_append_printf (s, " \"%s\"", n->text);
      break;
    case MLR_MATH_FENCED:
      g_string_append_printf (s, " \"%s\" \"%s\"", n->text, n->text2);
      break;
    case MLR_MATH_FONT:
      g_string_append_printf (s, " %d", n->font);
      break;
    case MLR_MATH_TABLE:
      g_string_append_printf (s, " %d %ux%u", n->env, n->n_rows, n->n_cols);
      break;
    case MLR_MATH_SPACE:
      g_string_append_printf (s, " %d", n->space);
      break;
    default:
      break;
    }
  for (guint i = 0; n->kids != NULL && i < n->kids->len; i++)
    {
      g_string_append_c (s, ' ');
      dump_into (s, g_ptr_array_index (n->kids, i));
    }
  g_string_append_c (s, ')');
}

/**
 * mlr_math_dump:
 * Returns: (transfer full): the tree as an S-expression, symbols bare ("!" marks limits),
 *   absent kids as "-": "(row x (scripts y i -))". For tests and debugging.
 */
char *
mlr_math_dump (const MlrMathNode *node)
{
  GString *s = g_string_new (NULL);

  dump_into (s, node);
  return g_string_free (s, FALSE);
}
