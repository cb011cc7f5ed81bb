/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The lesson loader: every element parsed into the model; every kind of mistake reported with
 * its file, line and column; hostile XML refused without reading anything it points at.
 */
#include <glib.h>
#include <glib/gstdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "lessons/mlr-content.h"
#include "painters/mlr-demo-registry.h"
#include "lessons/mlr-lesson.h"
#include "lessons/mlr-roadmap.h"

static char *fixture_root;

static const MlrBlock *
section_child (const MlrLesson *lesson,
               guint            section,
               guint            child)
{
  const MlrBlock *s = g_ptr_array_index (lesson->sections, section);

  g_assert_cmpuint (child, <, s->children->len);
  return g_ptr_array_index (s->children, child);
}

static const MlrInline *
run (const GPtrArray *inlines,
     guint            i)
{
  g_assert_cmpuint (i, <, inlines->len);
  return g_ptr_array_index (inlines, i);
}

static MlrLesson *
load_fixture (MlrDiagnostics *diags)
{
  g_autofree char *path = g_build_filename (fixture_root, "lessons", "all-elements.xml", NULL);

  return mlr_lesson_load_file (path, fixture_root, diags);
}

static void
test_metadata (void)
{
  g_autoptr(MlrDiagnostics) diags = mlr_diagnostics_new ();
  g_autoptr(MlrLesson) lesson = load_fixture (diags);
  g_autofree char *summary = NULL;
  g_autofree char *problems = mlr_diagnostics_format (diags, 0);

  g_assert_cmpstr (problems, ==, "");
  g_assert_nonnull (lesson);
  g_assert_cmpstr (lesson->id, ==, "all-elements");
  g_assert_cmpstr (lesson->step, ==, "basics");
  g_assert_cmpstr (lesson->lang, ==, "en");
  g_assert_cmpuint (lesson->minutes, ==, 12);
  g_assert_cmpstr (lesson->title, ==, "Every element");
  summary = mlr_inlines_to_plain (lesson->summary);
  g_assert_cmpstr (summary, ==, "A lesson with all the parts.");
  g_assert_cmpuint (g_strv_length (lesson->keywords), ==, 2);
  g_assert_cmpstr (lesson->keywords[1], ==, "format");
  g_assert_cmpuint (lesson->sections->len, ==, 2);
}

static void
test_inline_markup (void)
{
  g_autoptr(MlrLesson) lesson = load_fixture (NULL);
  const MlrBlock *p = section_child (lesson, 0, 0);
  const MlrInline *em, *code, *term, *link;
  g_autofree char *plain = NULL;

  g_assert_cmpint (p->kind, ==, MLR_BLOCK_PARAGRAPH);
  /* "Plain, " then em(...) */
  g_assert_cmpint (run (p->inlines, 0)->kind, ==, MLR_INLINE_TEXT);
  g_assert_cmpstr (run (p->inlines, 0)->text, ==, "Plain, ");
  em = run (p->inlines, 1);
  g_assert_cmpint (em->kind, ==, MLR_INLINE_EM);
  g_assert_cmpint (run (em->children, 1)->kind, ==, MLR_INLINE_STRONG);
  g_assert_cmpint (run (p->inlines, 3)->kind, ==, MLR_INLINE_STRONG);
  code = run (p->inlines, 5);
  g_assert_cmpint (code->kind, ==, MLR_INLINE_CODE);
  g_assert_cmpstr (code->text, ==, "x < y && z");
  g_assert_cmpint (run (p->inlines, 7)->kind, ==, MLR_INLINE_SUB);
  g_assert_cmpint (run (p->inlines, 9)->kind, ==, MLR_INLINE_SUP);
  term = run (p->inlines, 11);
  g_assert_cmpint (term->kind, ==, MLR_INLINE_TERM);
  g_assert_cmpstr (term->target, ==, "gradient");
  g_assert_cmpstr (run (p->inlines, 13)->target, ==, "learning-rate");
  g_assert_cmpstr (run (p->inlines, 13)->text, ==, "step size");
  link = run (p->inlines, 15);
  g_assert_cmpint (link->kind, ==, MLR_INLINE_LINK);
  g_assert_cmpstr (link->target, ==, "https://example.org/a?b=1&c=2");

  /* White space, line breaks included, collapses to single spaces. */
  plain = mlr_inlines_to_plain (p->inlines);
  g_assert_null (strstr (plain, "  "));
  g_assert_null (strchr (plain, '\n'));
  g_assert_true (g_str_has_prefix (plain, "Plain, emphasis with strong inside, strong, x < y"));
  g_assert_true (g_str_has_suffix (plain, "and a link."));

  g_assert_cmpuint (lesson->term_uses->len, ==, 2);
}

static void
test_blocks (void)
{
  g_autoptr(MlrLesson) lesson = load_fixture (NULL);
  const MlrBlock *b;

  b = section_child (lesson, 0, 1);
  g_assert_cmpint (b->kind, ==, MLR_BLOCK_BULLET_LIST);
  g_assert_cmpuint (b->items->len, ==, 2);
  b = section_child (lesson, 0, 2);
  g_assert_cmpint (b->kind, ==, MLR_BLOCK_NUMBERED_LIST);
  g_assert_cmpuint (b->items->len, ==, 3);
  b = section_child (lesson, 0, 3);
  g_assert_cmpint (b->kind, ==, MLR_BLOCK_SECTION);
  g_assert_cmpuint (b->level, ==, 2);
  g_assert_cmpstr (b->id, ==, "nested");
  g_assert_cmpstr (b->title, ==, "A sub-heading");

  b = section_child (lesson, 1, 0);
  g_assert_cmpint (b->kind, ==, MLR_BLOCK_CODE);
  g_assert_cmpstr (b->lang, ==, "python");
  g_assert_cmpstr (b->title, ==, "demo.py");
  /* CDATA kept verbatim, blank edges dropped, common indent removed. */
  g_assert_cmpstr (b->text, ==, "import numpy as np\nif 1 < 2:\n    print(np.arange(3))");
  b = section_child (lesson, 1, 1);
  g_assert_cmpstr (b->lang, ==, "sql");
  g_assert_cmpstr (b->text, ==, "SELECT 1;");

  b = section_child (lesson, 1, 2);
  g_assert_cmpint (b->kind, ==, MLR_BLOCK_MATH);
  g_assert_cmpstr (b->text, ==, "\\theta \\gets \\theta - \\eta \\nabla_{\\theta} L(\\theta) + x^{2} "
                   "\\mathbf{f}");
  g_assert_nonnull (b->math);
  g_assert_null (b->error);
  g_assert_null (b->inlines);
  {
    /* Search and word counts see the formula on one line. */
    g_autofree char *plain = mlr_block_to_plain (b);
    g_assert_cmpstr (plain, ==, "θ\u00a0← θ\u00a0−\u00a0η∇_θL(θ)\u00a0+\u00a0x^2f");
  }

  b = section_child (lesson, 1, 3);
  g_assert_cmpint (b->kind, ==, MLR_BLOCK_CALLOUT);
  g_assert_cmpint (b->callout_type, ==, MLR_CALLOUT_TIP);
  g_assert_cmpstr (b->title, ==, "Remember");
  g_assert_cmpuint (b->children->len, ==, 4);
  g_assert_cmpint (section_child (lesson, 1, 4)->callout_type, ==, MLR_CALLOUT_NOTE);
  g_assert_cmpint (section_child (lesson, 1, 5)->callout_type, ==, MLR_CALLOUT_WARNING);
  g_assert_null (section_child (lesson, 1, 5)->title);

  b = section_child (lesson, 1, 6);
  g_assert_cmpint (b->kind, ==, MLR_BLOCK_FIGURE);
  g_assert_cmpstr (b->src, ==, "images/square.svg");
  g_assert_cmpstr (b->alt, ==, "A blue square");
  g_assert_cmpuint (b->width, ==, 120);
  g_assert_null (b->error);
  g_assert_nonnull (b->path);
  g_assert_true (g_str_has_suffix (b->path, "/images/square.svg"));
  g_assert_true (g_path_is_absolute (b->path));
  g_assert_nonnull (b->caption);

  b = section_child (lesson, 1, 7);
  g_assert_cmpint (b->kind, ==, MLR_BLOCK_TABLE);
  g_assert_cmpuint (b->n_columns, ==, 2);
  g_assert_nonnull (b->header);
  g_assert_cmpuint (b->rows->len, ==, 2);
  g_assert_nonnull (b->caption);

  b = section_child (lesson, 1, 8);
  g_assert_cmpint (b->kind, ==, MLR_BLOCK_DEMO);
  g_assert_cmpstr (b->demo_kind, ==, "gradient-descent");
  g_assert_null (b->error);
  g_assert_cmpstr (mlr_demo_param_lookup (b, "optimizer"), ==, "gd,adam");
  g_assert_cmpstr (mlr_demo_param_lookup (b, "lr"), ==, "0.002");
  g_assert_null (mlr_demo_param_lookup (b, "kind"));
  g_assert_nonnull (b->caption);
  g_assert_cmpuint (b->challenges->len, ==, 1);
  {
    const MlrChallenge *c = g_ptr_array_index (b->challenges, 0);
    g_autofree char *text = mlr_inlines_to_plain (c->text);
    g_assert_cmpstr (c->id, ==, "race");
    g_assert_nonnull (c->goal);
    g_assert_cmpstr (text, ==, "Make Adam win.");
  }
  b = section_child (lesson, 1, 9);
  g_assert_cmpstr (b->demo_kind, ==, "matrix");
  g_assert_null (b->caption);
}

static void
test_after_sections (void)
{
  g_autoptr(MlrLesson) lesson = load_fixture (NULL);
  const MlrQuestion *q;
  const MlrResource *r;
  const MlrGlossaryEntry *e;

  g_assert_cmpuint (lesson->takeaways->len, ==, 2);
  g_assert_cmpuint (lesson->resources->len, ==, 5);
  r = g_ptr_array_index (lesson->resources, 0);
  g_assert_cmpint (r->type, ==, MLR_RESOURCE_BOOK);
  g_assert_cmpstr (r->title, ==, "A book");
  g_assert_cmpstr (r->href, ==, "https://example.org/book");
  g_assert_cmpuint (r->note->len, ==, 1);
  r = g_ptr_array_index (lesson->resources, 1);
  g_assert_cmpint (r->type, ==, MLR_RESOURCE_DOCS);
  g_assert_cmpuint (r->note->len, ==, 0);
  g_assert_cmpint (((MlrResource *) lesson->resources->pdata[2])->type, ==, MLR_RESOURCE_ARTICLE);
  g_assert_cmpint (((MlrResource *) lesson->resources->pdata[3])->type, ==, MLR_RESOURCE_VIDEO);
  g_assert_cmpint (((MlrResource *) lesson->resources->pdata[4])->type, ==, MLR_RESOURCE_COURSE);

  g_assert_cmpuint (lesson->questions->len, ==, 2);
  q = g_ptr_array_index (lesson->questions, 0);
  g_assert_false (q->multiple);
  g_assert_cmpuint (q->choices->len, ==, 2);
  g_assert_false (((MlrChoice *) q->choices->pdata[0])->correct);
  g_assert_true (((MlrChoice *) q->choices->pdata[1])->correct);
  g_assert_nonnull (q->explanation);
  q = g_ptr_array_index (lesson->questions, 1);
  g_assert_true (q->multiple);
  g_assert_cmpuint (q->choices->len, ==, 3);

  g_assert_cmpuint (lesson->glossary->len, ==, 2);
  e = g_ptr_array_index (lesson->glossary, 0);
  g_assert_cmpstr (e->key, ==, "gradient");
  g_assert_cmpstr (e->term, ==, "Gradient");
  e = g_ptr_array_index (lesson->glossary, 1);
  g_assert_cmpstr (e->key, ==, "learning-rate");
}

static void
test_glossary_keys (void)
{
  static const struct { const char *in, *key; } cases[] = {
    { "Learning rate", "learning-rate" },
    { "Bayes' theorem", "bayes-theorem" },
    { "  k-means++ ", "k-means" },
    { "A/B test", "a-b-test" },
    { "Type I error", "type-i-error" },
    { "TF–IDF", "tf-idf" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *key = mlr_glossary_key_for (cases[i].in);
      g_assert_cmpstr (key, ==, cases[i].key);
    }
}

/* Errors ------------------------------------------------------------------------------------- */

#define HEAD "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
#define OPEN "<lesson id=\"t\" step=\"basics\" minutes=\"5\">\n"
#define META "<title>T</title>\n<summary>S.</summary>\n"
#define BODY(x) HEAD OPEN META "<section><title>A</title>\n" x "\n</section>\n</lesson>\n"

typedef struct {
  const char *name;
  const char *xml;
  guint       line;
  guint       column;
  const char *message_part;
  MlrSeverity severity;
} ErrorCase;

static const ErrorCase error_cases[] = {
  /* Not well-formed: the common mistakes. */
  { "unclosed-element", BODY ("<p>text</section>"), 6, 18, "Opening and ending tag mismatch",
    MLR_SEVERITY_ERROR },
  { "bare-ampersand", BODY ("<p>salt & pepper</p>"), 6, 0, "not well-formed XML",
    MLR_SEVERITY_ERROR },
  { "bare-less-than", BODY ("<p>if a < b</p>"), 6, 0, "not well-formed XML", MLR_SEVERITY_ERROR },
  { "unquoted-attribute", HEAD "<lesson id=t step=\"basics\" minutes=\"5\"/>", 2, 0,
    "AttValue", MLR_SEVERITY_ERROR },
  { "undefined-entity", BODY ("<p>&nbsp;</p>"), 6, 0, "Entity 'nbsp' not defined",
    MLR_SEVERITY_ERROR },
  { "truncated", HEAD OPEN META "<section><title>A</title><p>cut off", 0, 0,
    "not well-formed XML", MLR_SEVERITY_ERROR },
  { "empty-file", "", 1, 1, "the file is empty", MLR_SEVERITY_ERROR },
  { "text-outside-root", BODY ("") "trailing", 9, 1, "Extra content at the end",
    MLR_SEVERITY_ERROR },
  /* Encodings. */
  { "invalid-utf8", HEAD OPEN META "<section><title>A</title>\n<p>caf\xe9</p></section></lesson>",
    6, 7, "invalid UTF-8 (byte 0xE9)", MLR_SEVERITY_ERROR },
  { "latin1-declared", "<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?>\n" OPEN META
    "<section><title>A</title></section></lesson>", 1, 1, "encoding=\"ISO-8859-1\"",
    MLR_SEVERITY_ERROR },
  { "utf16-bom", "\xff\xfe<\0l\0", 1, 1, "UTF-16", MLR_SEVERITY_ERROR },
  { "nul-byte", BODY ("<p>a\0b</p>"), 0, 0, "NUL byte", MLR_SEVERITY_ERROR },
  /* Structure. */
  { "wrong-root", HEAD "<html><body/></html>", 2, 1, "the root element is <html>",
    MLR_SEVERITY_ERROR },
  { "unknown-element", BODY ("<bold>x</bold>"), 6, 1,
    "<bold> is not allowed inside <section> (allowed here: p, ul, ol, codeblock, math, callout, "
    "figure, table, demo, section); for bold text use <strong>", MLR_SEVERITY_ERROR },
  { "unknown-inline", BODY ("<p>a <b>b</b></p>"), 6, 6, "for bold text use <strong>",
    MLR_SEVERITY_ERROR },
  { "unknown-attribute", BODY ("<p class=\"x\">a</p>"), 6, 1,
    "<p> takes no attributes, but has “class”", MLR_SEVERITY_ERROR },
  { "unknown-attribute-listed", BODY ("<codeblock lang=\"python\" colour=\"red\">x</codeblock>"),
    6, 1, "<codeblock> has no attribute “colour” (its attributes: lang, title)",
    MLR_SEVERITY_ERROR },
  { "missing-attribute", HEAD "<lesson id=\"t\" step=\"basics\">" META
    "<section><title>A</title></section></lesson>", 2, 1,
    "<lesson> needs a “minutes” attribute", MLR_SEVERITY_ERROR },
  { "bad-minutes", HEAD "<lesson id=\"t\" step=\"basics\" minutes=\"NaN\">" META
    "<section><title>A</title></section></lesson>", 2, 1,
    "minutes=\"NaN\" must be a whole number of minutes from 1 to 600", MLR_SEVERITY_ERROR },
  { "bad-id", HEAD "<lesson id=\"Bad Id\" step=\"basics\" minutes=\"3\">" META
    "<section><title>A</title></section></lesson>", 2, 1,
    "id=\"Bad Id\" is not a valid id", MLR_SEVERITY_ERROR },
  { "missing-title", HEAD OPEN "<summary>S</summary><section><title>A</title></section></lesson>",
    3, 1, "the lesson needs a <title> before <summary>", MLR_SEVERITY_ERROR },
  { "no-sections", HEAD OPEN META "</lesson>", 2, 1, "the lesson needs at least one <section>",
    MLR_SEVERITY_ERROR },
  { "out-of-order", HEAD OPEN META "<section><title>A</title></section>\n"
    "<quiz><question type=\"single\"><prompt>p</prompt>"
    "<choice correct=\"true\"><answer>a</answer><feedback>f</feedback></choice>"
    "<choice><answer>b</answer><feedback>f</feedback></choice>"
    "<explanation>e</explanation></question></quiz>\n"
    "<takeaways><item>x</item></takeaways></lesson>", 7, 1, "<takeaways> is out of order",
    MLR_SEVERITY_ERROR },
  { "section-without-title", BODY ("<section><p>x</p></section>"), 6, 10,
    "a <section> starts with its <title>, but here <p> comes first", MLR_SEVERITY_ERROR },
  { "too-deep-sections", BODY ("<section><title>B</title><section><title>C</title>"
    "</section></section>"), 6, 26, "sections nest only one level deep", MLR_SEVERITY_ERROR },
  { "stray-text", BODY ("loose words"), 6, 0, "text (“loose words", MLR_SEVERITY_ERROR },
  { "empty-paragraph", BODY ("<p>  </p>"), 6, 1, "<p> is empty", MLR_SEVERITY_ERROR },
  { "bad-lang", BODY ("<codeblock lang=\"cobol\">x</codeblock>"), 6, 1,
    "lang=\"cobol\" is not a known code language", MLR_SEVERITY_ERROR },
  { "element-in-code", BODY ("<codeblock lang=\"python\">a <b>c</b></codeblock>"), 6, 28,
    "write code with < or & inside <![CDATA[", MLR_SEVERITY_ERROR },
  { "bad-callout", BODY ("<callout type=\"hint\"><p>x</p></callout>"), 6, 1,
    "type=\"hint\" is not a callout type (use tip, note or warning)", MLR_SEVERITY_ERROR },
  { "ragged-table", BODY ("<table><tr><td>a</td><td>b</td></tr>\n<tr><td>c</td></tr></table>"),
    7, 1, "this row has 1 cells but the table has 2 columns", MLR_SEVERITY_ERROR },
  /* Links. */
  { "javascript-link", BODY ("<p><link href=\"javascript:alert(1)\">x</link></p>"), 6, 4,
    "only http://, https:// and lesson: links are allowed, not javascript:", MLR_SEVERITY_ERROR },
  { "file-link", BODY ("<p><link href=\"file:///etc/passwd\">x</link></p>"), 6, 4,
    "only http://, https:// and lesson: links are allowed, not file:", MLR_SEVERITY_ERROR },
  { "relative-link", BODY ("<p><link href=\"page.html\">x</link></p>"), 6, 4,
    "is neither a web address (https:// or http://) nor a link to a lesson", MLR_SEVERITY_ERROR },
  { "lesson-link-bad-id", BODY ("<p>See <link href=\"lesson:Evaluating_Models\">x</link></p>"),
    6, 8, "href=\"lesson:Evaluating_Models\" is not a link to a lesson", MLR_SEVERITY_ERROR },
  { "lesson-link-empty", BODY ("<p><link href=\"lesson:\">x</link></p>"), 6, 4,
    "is not a link to a lesson", MLR_SEVERITY_ERROR },
  { "lesson-link-empty-section", BODY ("<p><link href=\"lesson:a#\">x</link></p>"), 6, 4,
    "is not a link to a lesson", MLR_SEVERITY_ERROR },
  { "lesson-link-two-sections", BODY ("<p><link href=\"lesson:a#b#c\">x</link></p>"), 6, 4,
    "is not a link to a lesson", MLR_SEVERITY_ERROR },
  { "lesson-link-path", BODY ("<p><link href=\"lesson:../../etc/passwd\">x</link></p>"), 6, 4,
    "is not a link to a lesson", MLR_SEVERITY_ERROR },
  { "lesson-link-upper-scheme", BODY ("<p><link href=\"LESSON:a\">x</link></p>"), 6, 4,
    "is not a link to a lesson", MLR_SEVERITY_ERROR },
  { "lesson-link-as-resource", HEAD OPEN META "<section><title>A</title></section>\n"
    "<resources><resource type=\"docs\" title=\"T\" href=\"lesson:a\"/></resources></lesson>",
    6, 0, "only http:// and https:// links are allowed, not lesson:", MLR_SEVERITY_ERROR },
  /* Hostile. */
  { "billion-laughs", HEAD "<!DOCTYPE lesson [\n<!ENTITY a \"aaaaaaaaaa\">\n"
    "<!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\">\n<!ENTITY c \"&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;\">\n"
    "]>\n" OPEN META "<section><title>&c;</title></section></lesson>", 2, 1,
    "a <!DOCTYPE> declaration is not allowed", MLR_SEVERITY_ERROR },
  { "external-entity", HEAD "<!DOCTYPE lesson [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>\n"
    OPEN META "<section><title>&x;</title></section></lesson>", 2, 1,
    "a <!DOCTYPE> declaration is not allowed", MLR_SEVERITY_ERROR },
  { "external-dtd", HEAD "<!DOCTYPE lesson SYSTEM \"http://example.org/evil.dtd\">\n"
    OPEN META "<section><title>A</title></section></lesson>", 2, 1,
    "a <!DOCTYPE> declaration is not allowed", MLR_SEVERITY_ERROR },
  { "xinclude", BODY ("<xi:include xmlns:xi=\"http://www.w3.org/2001/XInclude\" "
    "href=\"/etc/passwd\" parse=\"text\"/>"), 6, 1, "comes from another XML namespace",
    MLR_SEVERITY_ERROR },
  /* Parts that break on their own. */
  { "unknown-demo", BODY ("<demo kind=\"teleport\"/>"), 6, 1,
    "there is no demo called “teleport” (demos: gradient-descent, matrix, decision-boundary, bayes",
    MLR_SEVERITY_PART },
  { "unknown-demo-param", BODY ("<demo kind=\"matrix\" colour=\"red\"/>"), 6, 1,
    "the matrix demo has no parameter “colour”", MLR_SEVERITY_PART },
  { "nan-demo-param", BODY ("<demo kind=\"gradient-descent\" lr=\"NaN\"/>"), 6, 1,
    "gradient-descent demo parameter lr: “NaN” is not a finite number", MLR_SEVERITY_PART },
  { "out-of-range-demo-param", BODY ("<demo kind=\"gradient-descent\" lr=\"1e6\"/>"), 6, 1,
    "lr: 1e6 is out of range (allowed: 1e-05 to 10)", MLR_SEVERITY_PART },
  { "malformed-demo-param", BODY ("<demo kind=\"matrix\" matrix=\"1,2,3\"/>"), 6, 1,
    "matrix: expected 4 comma-separated values, got 3", MLR_SEVERITY_PART },
  { "bad-challenge-goal", BODY ("<demo kind=\"matrix\"><challenge id=\"x\" "
    "when=\"accuracy &gt; 1\">Do it.</challenge></demo>"), 6, 21,
    "challenge “x”: “accuracy” is not something this demo measures", MLR_SEVERITY_PART },
  { "challenge-without-goal", BODY ("<demo kind=\"matrix\"><challenge id=\"x\">Do it."
    "</challenge></demo>"), 6, 21, "<challenge> needs a “when” attribute", MLR_SEVERITY_ERROR },
  { "expect-unknown-metric", BODY ("<demo kind=\"matrix\"><expect metric=\"accuracy\" "
    "min=\"1\"/></demo>"), 6, 21, "the matrix demo has no such metric", MLR_SEVERITY_ERROR },
  { "expect-without-bounds", BODY ("<demo kind=\"matrix\"><expect metric=\"det\"/></demo>"),
    6, 21, "<expect metric=\"det\"> needs min=, max= or both", MLR_SEVERITY_ERROR },
  { "expect-not-a-number", BODY ("<demo kind=\"matrix\"><expect metric=\"det\" "
    "max=\"NaN\"/></demo>"), 6, 21, "<expect max=\"NaN\">: not a number", MLR_SEVERITY_ERROR },
  { "expect-min-above-max", BODY ("<demo kind=\"matrix\"><expect metric=\"det\" min=\"2\" "
    "max=\"1\"/></demo>"), 6, 21, "min=\"2\" is above max=\"1\"", MLR_SEVERITY_ERROR },
  { "expect-with-text", BODY ("<demo kind=\"matrix\"><expect metric=\"det\" min=\"2\">"
    "two</expect></demo>"), 6, 21, "<expect> is empty", MLR_SEVERITY_ERROR },
  { "figure-dotdot", BODY ("<figure src=\"../secret.png\" alt=\"x\"/>"), 6, 1,
    "must be a path inside the content folder", MLR_SEVERITY_PART },
  { "figure-absolute", BODY ("<figure src=\"/etc/passwd.png\" alt=\"x\"/>"), 6, 1,
    "must be a path inside the content folder", MLR_SEVERITY_PART },
  { "figure-missing", BODY ("<figure src=\"images/nope.png\" alt=\"x\"/>"), 6, 1,
    "cannot be found in the content folder", MLR_SEVERITY_PART },
  /* Formulas (issue 13): TeX only, and a formula that does not parse is a broken part located
   * at the character where it goes wrong. */
  { "math-child-element", BODY ("<math>x<sub>i</sub></math>"), 6, 8,
    "<math> holds a formula in TeX, not elements: write x_i or x^{2}, not <sub>",
    MLR_SEVERITY_ERROR },
  { "math-empty", BODY ("<math>  </math>"), 6, 1, "<math> is empty", MLR_SEVERITY_ERROR },
  { "math-attribute", BODY ("<math display=\"block\">x</math>"), 6, 1,
    "<math> takes no attributes", MLR_SEVERITY_ERROR },
  { "math-unknown-command", BODY ("<math>x = \\frc{a}{b}</math>"), 6, 11,
    "unknown command \\frc — did you mean \\frac?", MLR_SEVERITY_PART },
  { "math-second-line", BODY ("<math>\\begin{aligned}\n  a &amp;= b \\\\\n    &amp;= \\frc{1}{2}\n"
    "\\end{aligned}</math>"), 8, 12, "unknown command \\frc", MLR_SEVERITY_PART },
  { "math-unbalanced", BODY ("<math>\\frac{a}{b</math>"), 6, 15, "this { is never closed",
    MLR_SEVERITY_PART },
};

static void
check_error_case (gconstpointer data)
{
  const ErrorCase *c = data;
  g_autoptr(MlrDiagnostics) diags = mlr_diagnostics_new ();
  g_autoptr(MlrLesson) lesson = NULL;
  gsize len = strlen (c->xml);
  const MlrDiagnostic *d;
  g_autofree char *all = NULL;
  gint64 start = g_get_monotonic_time ();

  if (g_str_equal (c->name, "nul-byte"))
    len = strlen (BODY ("<p>a")) + 4 + strlen ("</p>\n</section>\n</lesson>\n");
  if (g_str_equal (c->name, "utf16-bom"))
    len = 6;
  lesson = mlr_lesson_load_data (c->xml, len, "t.xml", fixture_root, diags);
  all = mlr_diagnostics_format (diags, 0);
  g_test_message ("%s", all);

  g_assert_cmpuint (mlr_diagnostics_count (diags), >=, 1);
  d = mlr_diagnostics_get (diags, 0);
  g_assert_cmpstr (d->file, ==, "t.xml");
  if (c->line)
    g_assert_cmpuint (d->line, ==, c->line);
  if (c->column)
    g_assert_cmpuint (d->column, ==, c->column);
  g_assert_nonnull (strstr (d->message, c->message_part));
  g_assert_cmpint (d->severity, ==, c->severity);
  if (c->severity == MLR_SEVERITY_ERROR)
    g_assert_null (lesson);
  else
    {
      /* The rest of the lesson is still there; only the broken block carries the error. */
      const MlrBlock *b;
      g_assert_nonnull (lesson);
      b = section_child (lesson, 0, 0);
      if (g_str_has_prefix (c->message_part, "challenge"))
        {
          /* A bad goal drops only that challenge; the demo itself still runs. */
          g_assert_null (b->error);
          g_assert_cmpuint (b->challenges->len, ==, 0);
        }
      else
        {
          g_assert_nonnull (b->error);
          g_assert_nonnull (strstr (b->error, c->message_part));
        }
    }
  /* Well inside the second the issue allows, even under sanitizers. */
  g_assert_cmpint (g_get_monotonic_time () - start, <, G_USEC_PER_SEC);
}

/* <m> ---------------------------------------------------------------------------------------- */

static guint
count_formulas (const GPtrArray *inlines)
{
  guint n = 0;

  for (guint i = 0; inlines && i < inlines->len; i++)
    {
      const MlrInline *in = g_ptr_array_index (inlines, i);
      if (in->kind == MLR_INLINE_MATH)
        {
          g_assert_nonnull (in->math);
          g_assert_cmpstr (in->text, ==, "x_i");
          n++;
        }
      n += count_formulas (in->children);
    }
  return n;
}

static guint
count_in_blocks (const GPtrArray *blocks)
{
  guint n = 0;

  for (guint i = 0; blocks && i < blocks->len; i++)
    {
      const MlrBlock *b = g_ptr_array_index (blocks, i);
      n += count_formulas (b->inlines) + count_formulas (b->caption) +
           count_in_blocks (b->children);
      for (guint j = 0; b->items && j < b->items->len; j++)
        n += count_formulas (g_ptr_array_index (b->items, j));
      for (guint j = 0; b->header && j < b->header->len; j++)
        n += count_formulas (g_ptr_array_index (b->header, j));
      for (guint r = 0; b->rows && r < b->rows->len; r++)
        {
          GPtrArray *row = g_ptr_array_index (b->rows, r);
          for (guint j = 0; j < row->len; j++)
            n += count_formulas (g_ptr_array_index (row, j));
        }
    }
  return n;
}

/* <m> wherever running text goes: each context holds one <m>x_i</m>. */
static void
test_inline_math_contexts (void)
{
#define M "<m>x_i</m>"
  static const char xml[] =
    HEAD OPEN "<title>T</title>\n<summary>S " M ".</summary>\n"
    "<section><title>A</title>\n"
    "<p>para " M "</p>\n"
    "<ul><li>item " M "</li></ul>\n"
    "<ol><li>step <em>with " M "</em></li></ol>\n"
    "<callout type=\"tip\"><p>tip " M "</p></callout>\n"
    "<figure src=\"images/square.svg\" alt=\"x\"><caption>fig " M "</caption></figure>\n"
    "<table><caption>tab " M "</caption><thead><tr><td>" M "</td></tr></thead>"
    "<tr><td>cell " M "</td></tr></table>\n"
    "<demo kind=\"matrix\"><caption>demo " M "</caption></demo>\n"
    "</section>\n"
    "<takeaways><item>take " M "</item></takeaways>\n"
    "<quiz><question type=\"single\"><prompt>p " M "</prompt>"
    "<choice correct=\"true\"><answer>a " M "</answer><feedback>f " M "</feedback></choice>"
    "<choice><answer>b</answer><feedback>g</feedback></choice>"
    "<explanation>e " M "</explanation></question></quiz>\n"
    "<glossary><define term=\"Thing\">def " M "</define></glossary>\n"
    "</lesson>\n";
#undef M
  g_autoptr(MlrDiagnostics) diags = mlr_diagnostics_new ();
  g_autoptr(MlrLesson) lesson = mlr_lesson_load_data (xml, strlen (xml), "t.xml", fixture_root,
                                                      diags);
  g_autofree char *problems = mlr_diagnostics_format (diags, 0);
  const MlrQuestion *q;
  const MlrChoice *c;
  guint n;

  g_assert_cmpstr (problems, ==, "");
  g_assert_nonnull (lesson);
  n = count_formulas (lesson->summary);
  g_assert_cmpuint (n, ==, 1);
  n += count_in_blocks (lesson->sections);
  g_assert_cmpuint (n, ==, 10);
  n += count_formulas (g_ptr_array_index (lesson->takeaways, 0));
  q = g_ptr_array_index (lesson->questions, 0);
  c = g_ptr_array_index (q->choices, 0);
  n += count_formulas (q->prompt) + count_formulas (c->answer) + count_formulas (c->feedback) +
       count_formulas (q->explanation);
  n += count_formulas (((MlrGlossaryEntry *) g_ptr_array_index (lesson->glossary, 0))->definition);
  g_assert_cmpuint (n, ==, 16);
  {
    /* Plain text reads the formula on one line. */
    const MlrBlock *p = section_child (lesson, 0, 0);
    g_autofree char *plain = mlr_inlines_to_plain (p->inlines);
    g_assert_cmpstr (plain, ==, "para x_i");
  }
}

/* An inline formula that does not parse breaks only itself, located inside the formula; <m>
 * holds no elements, and <code> holds no <m>. */
static void
test_inline_math_errors (void)
{
  {
    static const char xml[] = BODY ("<p>Write <m>a + \\sqrtt{b}</m> here.</p>");
    g_autoptr(MlrDiagnostics) diags = mlr_diagnostics_new ();
    g_autoptr(MlrLesson) lesson = mlr_lesson_load_data (xml, strlen (xml), "t.xml", NULL, diags);
    const MlrDiagnostic *d;
    const MlrInline *in;

    g_assert_nonnull (lesson);
    g_assert_cmpuint (mlr_diagnostics_count (diags), ==, 1);
    d = mlr_diagnostics_get (diags, 0);
    g_assert_cmpint (d->severity, ==, MLR_SEVERITY_PART);
    g_assert_cmpuint (d->line, ==, 6);
    g_assert_cmpuint (d->column, ==, 17);   /* <p>Write <m>a + ^ */
    g_assert_nonnull (strstr (d->message, "in the formula in <m>: unknown command \\sqrtt"));
    in = run (section_child (lesson, 0, 0)->inlines, 1);
    g_assert_cmpint (in->kind, ==, MLR_INLINE_MATH);
    g_assert_null (in->math);
    g_assert_cmpstr (in->text, ==, "a + \\sqrtt{b}");
  }
  {
    static const char xml[] = BODY ("<p>x <m>e<sup>2</sup></m></p>");
    g_autoptr(MlrDiagnostics) diags = mlr_diagnostics_new ();
    g_autoptr(MlrLesson) lesson = mlr_lesson_load_data (xml, strlen (xml), "t.xml", NULL, diags);
    const MlrDiagnostic *d = mlr_diagnostics_get (diags, 0);

    g_assert_null (lesson);
    g_assert_cmpuint (d->line, ==, 6);
    g_assert_cmpuint (d->column, ==, 10);
    g_assert_nonnull (strstr (d->message, "<m> holds a formula in TeX, not elements"));
  }
  {
    static const char xml[] = BODY ("<p><code>a <m>x</m></code></p>");
    g_autoptr(MlrDiagnostics) diags = mlr_diagnostics_new ();
    g_autoptr(MlrLesson) lesson = mlr_lesson_load_data (xml, strlen (xml), "t.xml", NULL, diags);

    g_assert_null (lesson);
    g_assert_nonnull (strstr (mlr_diagnostics_get (diags, 0)->message, "<m>"));
  }
}

static void
test_quiz_rules (void)
{
  static const struct { const char *quiz, *message; } cases[] = {
    { "<question type=\"single\"><prompt>p</prompt>"
      "<choice correct=\"true\"><answer>a</answer><feedback>f</feedback></choice>"
      "<choice correct=\"true\"><answer>b</answer><feedback>f</feedback></choice>"
      "<explanation>e</explanation></question>",
      "a single-choice question needs exactly one choice with correct=\"true\"; this one has 2" },
    { "<question type=\"multiple\"><prompt>p</prompt>"
      "<choice><answer>a</answer><feedback>f</feedback></choice>"
      "<choice><answer>b</answer><feedback>f</feedback></choice>"
      "<explanation>e</explanation></question>",
      "a multiple-choice question needs at least one choice with correct=\"true\"" },
    { "<question type=\"single\"><prompt>p</prompt>"
      "<choice correct=\"true\"><answer>a</answer><feedback>f</feedback></choice>"
      "<explanation>e</explanation></question>",
      "a question needs 2 to 6 choices; this one has 1" },
    { "<question type=\"single\"><prompt>p</prompt>"
      "<choice correct=\"yes\"><answer>a</answer><feedback>f</feedback></choice>"
      "<explanation>e</explanation></question>",
      "correct=\"yes\" must be true or false" },
    { "<question type=\"single\"><prompt>p</prompt>"
      "<choice correct=\"true\"><answer>a</answer></choice>"
      "<choice><answer>b</answer><feedback>f</feedback></choice>"
      "<explanation>e</explanation></question>",
      "a <choice> needs an <answer> and then a <feedback>" },
    { "<question type=\"single\"><prompt>p</prompt>"
      "<choice correct=\"true\"><answer>a</answer><feedback>f</feedback></choice>"
      "<choice><answer>b</answer><feedback>f</feedback></choice></question>",
      "<question> needs an <explanation> after its choices" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *xml = g_strconcat (HEAD OPEN META "<section><title>A</title></section>\n"
                                          "<quiz>", cases[i].quiz, "</quiz></lesson>", NULL);
      g_autoptr(MlrDiagnostics) diags = mlr_diagnostics_new ();
      g_autoptr(MlrLesson) lesson = mlr_lesson_load_data (xml, strlen (xml), "q.xml", NULL,
                                                          diags);
      g_assert_null (lesson);
      g_assert_cmpuint (mlr_diagnostics_count (diags), >=, 1);
      g_assert_cmpuint (mlr_diagnostics_get (diags, 0)->line, ==, 6);
      g_assert_nonnull (strstr (mlr_diagnostics_get (diags, 0)->message, cases[i].message));
    }
}

static void
test_id_must_match_file (void)
{
  g_autofree char *dir = g_dir_make_tmp ("mlr-lesson-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "other.xml", NULL);
  const char *xml = BODY ("<p>x</p>");
  g_autoptr(MlrDiagnostics) diags = mlr_diagnostics_new ();
  g_autoptr(MlrLesson) lesson = NULL;

  g_assert_true (g_file_set_contents (path, xml, -1, NULL));
  lesson = mlr_lesson_load_file (path, dir, diags);
  g_assert_null (lesson);
  g_assert_cmpuint (mlr_diagnostics_count (diags), ==, 1);
  g_assert_nonnull (strstr (mlr_diagnostics_get (diags, 0)->message,
                            "the lesson id “t” does not match its file name “other.xml”"));
  g_assert_cmpstr (mlr_diagnostics_get (diags, 0)->file, ==, path);
  g_unlink (path);
  g_rmdir (dir);
}

static void
test_refuses_non_regular_and_huge_files (void)
{
  g_autoptr(MlrDiagnostics) diags = mlr_diagnostics_new ();
  g_autofree char *dir = g_dir_make_tmp ("mlr-lesson-XXXXXX", NULL);
  g_autofree char *big = g_build_filename (dir, "big.xml", NULL);
  g_autoptr(MlrLesson) a = NULL;
  g_autoptr(MlrLesson) b = NULL;
  g_autoptr(MlrLesson) c = NULL;
  FILE *f;

  a = mlr_lesson_load_file ("/dev/zero", NULL, diags);
  g_assert_null (a);
  g_assert_nonnull (strstr (mlr_diagnostics_get (diags, 0)->message, "not a regular file"));

  /* A 60 MB file is refused from its size alone, without being read. */
  f = fopen (big, "w");
  g_assert_nonnull (f);
  g_assert_cmpint (fseek (f, 60 * 1024 * 1024, SEEK_SET), ==, 0);
  fputc ('x', f);
  fclose (f);
  b = mlr_lesson_load_file (big, NULL, diags);
  g_assert_null (b);
  g_assert_nonnull (strstr (mlr_diagnostics_get (diags, 1)->message,
                            "content files may be at most 1048576 bytes"));

  c = mlr_lesson_load_file ("/nonexistent/lesson.xml", NULL, diags);
  g_assert_null (c);
  g_assert_nonnull (strstr (mlr_diagnostics_get (diags, 2)->message, "cannot open the file"));
  g_unlink (big);
  g_rmdir (dir);
}

static void
test_deep_nesting (void)
{
  /* 200,000 nested elements: libxml2's depth limit stops it with a clear error, fast. */
  GString *s = g_string_new (HEAD OPEN META "<section><title>A</title><p>");
  g_autoptr(MlrDiagnostics) diags = mlr_diagnostics_new ();
  g_autoptr(MlrLesson) lesson = NULL;

  for (int i = 0; i < 200000; i++)
    g_string_append (s, "<em>");
  lesson = mlr_lesson_load_data (s->str, s->len, "deep.xml", NULL, diags);
  g_assert_null (lesson);
  g_assert_cmpuint (mlr_diagnostics_count (diags), >=, 1);
  g_assert_cmpuint (mlr_diagnostics_get (diags, 0)->line, ==, 5);
  g_string_free (s, TRUE);

  /* Shallow enough for libxml2 but deeper than any sane emphasis. */
  {
    g_autoptr(MlrDiagnostics) d2 = mlr_diagnostics_new ();
    g_autoptr(MlrLesson) l2 = NULL;
    GString *t = g_string_new (HEAD OPEN META "<section><title>A</title>\n<p>");
    for (int i = 0; i < 20; i++)
      g_string_append (t, "<em>");
    g_string_append (t, "x");
    for (int i = 0; i < 20; i++)
      g_string_append (t, "</em>");
    g_string_append (t, "</p></section></lesson>");
    l2 = mlr_lesson_load_data (t->str, t->len, "deep2.xml", NULL, d2);
    g_assert_null (l2);
    g_assert_nonnull (strstr (mlr_diagnostics_get (d2, 0)->message, "nested more than"));
    g_string_free (t, TRUE);
  }
}

static void
test_figure_symlink_escape (void)
{
  g_autofree char *root = g_dir_make_tmp ("mlr-content-XXXXXX", NULL);
  g_autofree char *images = g_build_filename (root, "images", NULL);
  g_autofree char *outside = g_build_filename (g_get_tmp_dir (), "mlr-outside.png", NULL);
  g_autofree char *link = g_build_filename (images, "escape.png", NULL);
  const char *xml = BODY ("<figure src=\"images/escape.png\" alt=\"x\"/>");
  g_autoptr(MlrDiagnostics) diags = mlr_diagnostics_new ();
  g_autoptr(MlrLesson) lesson = NULL;
  const MlrBlock *b;

  g_assert_cmpint (g_mkdir (images, 0755), ==, 0);
  g_assert_true (g_file_set_contents (outside, "not really a png", -1, NULL));
  g_assert_cmpint (symlink (outside, link), ==, 0);
  lesson = mlr_lesson_load_data (xml, strlen (xml), "t.xml", root, diags);
  g_assert_nonnull (lesson);
  b = section_child (lesson, 0, 0);
  g_assert_null (b->path);
  g_assert_nonnull (strstr (b->error, "is a link to a file outside the content folder"));
  g_unlink (link);
  g_unlink (outside);
  g_rmdir (images);
  g_rmdir (root);
}

/* A link to a lesson is a link run like a web link; the loader keeps where it is so the
 * content check can say which lesson or section is missing. */
static void
test_lesson_links (void)
{
  const char *xml = BODY ("<p>Splits are in <link href=\"lesson:evaluating-models#splits\">"
                          "the evaluating-models lesson</link>, metrics in\n"
                          "  <link href=\"lesson:evaluating-models\">the same one</link>.</p>");
  g_autoptr(MlrDiagnostics) diags = mlr_diagnostics_new ();
  g_autoptr(MlrLesson) lesson = mlr_lesson_load_data (xml, strlen (xml), "t.xml", NULL, diags);
  g_autofree char *problems = mlr_diagnostics_format (diags, 0);
  g_autofree char *plain = NULL;
  g_autofree char *id = NULL;
  g_autofree char *section = NULL;
  const MlrBlock *p;
  const MlrLinkUse *use;

  g_assert_cmpstr (problems, ==, "");
  g_assert_nonnull (lesson);
  p = section_child (lesson, 0, 0);
  g_assert_cmpint (run (p->inlines, 1)->kind, ==, MLR_INLINE_LINK);
  g_assert_cmpstr (run (p->inlines, 1)->target, ==, "lesson:evaluating-models#splits");
  g_assert_cmpstr (run (p->inlines, 3)->target, ==, "lesson:evaluating-models");
  /* search and word counts see the link's words, as for a web link */
  plain = mlr_inlines_to_plain (p->inlines);
  g_assert_cmpstr (plain, ==, "Splits are in the evaluating-models lesson, metrics in the same "
                              "one.");

  g_assert_cmpuint (lesson->link_uses->len, ==, 2);
  use = g_ptr_array_index (lesson->link_uses, 0);
  g_assert_cmpstr (use->lesson_id, ==, "evaluating-models");
  g_assert_cmpstr (use->section_id, ==, "splits");
  g_assert_cmpuint (use->line, ==, 6);
  g_assert_cmpuint (use->column, ==, 18);
  use = g_ptr_array_index (lesson->link_uses, 1);
  g_assert_cmpstr (use->lesson_id, ==, "evaluating-models");
  g_assert_null (use->section_id);
  g_assert_cmpuint (use->line, ==, 7);

  g_assert_true (mlr_lesson_link_parse ("lesson:a-1#b-2", &id, &section));
  g_assert_cmpstr (id, ==, "a-1");
  g_assert_cmpstr (section, ==, "b-2");
  g_clear_pointer (&id, g_free);
  g_clear_pointer (&section, g_free);
  g_assert_false (mlr_lesson_link_parse ("https://example.org/#a", &id, &section));
  g_assert_false (mlr_lesson_link_parse ("lesson:a#", &id, &section));
  g_assert_null (id);
  g_assert_null (section);
}

static void
write_content_file (const char *root,
                    const char *name,
                    const char *text)
{
  g_autofree char *path = g_build_filename (root, name, NULL);
  g_autofree char *dir = g_path_get_dirname (path);

  g_assert_cmpint (g_mkdir_with_parents (dir, 0755), ==, 0);
  g_assert_true (g_file_set_contents (path, text, -1, NULL));
}

static const MlrDiagnostic *
diagnostic_on_line (MlrDiagnostics *diags,
                    guint           line)
{
  for (guint i = 0; i < mlr_diagnostics_count (diags); i++)
    if (mlr_diagnostics_get (diags, i)->line == line)
      return mlr_diagnostics_get (diags, i);
  return NULL;
}

/* `validate` on a content folder: links to lessons the roadmap lists and to sections they have
 * pass, top-level or nested, in another lesson or the same; a missing lesson or section is an
 * error at the link, naming it, with the closest id when one is close. */
static void
test_lesson_link_targets (void)
{
  g_autofree char *root = g_dir_make_tmp ("mlr-links-XXXXXX", NULL);
  g_autoptr(MlrDiagnostics) diags = mlr_diagnostics_new ();
  g_autofree char *from = g_build_filename (root, "lessons", "from-here.xml", NULL);
  g_autofree char *cmd = NULL;
  const MlrDiagnostic *d;

  write_content_file (root, "roadmap.xml",
                      "<roadmap version=\"1\"><title>T</title>\n"
                      "<step id=\"s\" title=\"S\"><summary>S</summary>\n"
                      "<lesson id=\"from-here\" title=\"From\"/>\n"
                      "<lesson id=\"evaluating-models\" title=\"Evaluating models\"/>\n"
                      "</step></roadmap>\n");
  write_content_file (root, "lessons/evaluating-models.xml",
                      "<lesson id=\"evaluating-models\" step=\"s\" minutes=\"1\">"
                      "<title>Evaluating</title><summary>S</summary>\n"
                      "<section id=\"idea\"><title>Idea</title><p>x</p></section>\n"
                      "<section id=\"splits\"><title>Splits</title><p>x</p>\n"
                      "<section id=\"leakage\"><title>Leakage</title><p>x</p></section>"
                      "</section>\n</lesson>\n");
  write_content_file (root, "lessons/from-here.xml",
                      "<lesson id=\"from-here\" step=\"s\" minutes=\"1\">\n"        /* 1 */
                      "<title>From</title><summary>S</summary>\n"                        /* 2 */
                      "<section id=\"top\"><title>A</title>\n"                         /* 3 */
                      "<p><link href=\"lesson:evaluating-models\">ok</link></p>\n"     /* 4 */
                      "<p><link href=\"lesson:evaluating-models#splits\">ok</link></p>\n"
                      "<p><link href=\"lesson:evaluating-models#leakage\">ok</link></p>\n"
                      "<p><link href=\"lesson:from-here#top\">ok</link></p>\n"         /* 7 */
                      "<p>x <link href=\"lesson:evaluating-model#splits\">bad</link></p>\n"
                      "<p><link href=\"lesson:evaluating-models#split\">bad</link></p>\n"
                      "<p><link href=\"lesson:quantum-baking\">bad</link></p>\n"       /* 10 */
                      "<p><link href=\"lesson:evaluating-models#zzz\">bad</link></p>\n"
                      "<p><link href=\"lesson:from-here#nowhere\">bad</link></p>\n"    /* 12 */
                      "</section>\n</lesson>\n");

  g_assert_cmpuint (mlr_content_check (root, diags), ==, 2);
  for (guint i = 0; i < mlr_diagnostics_count (diags); i++)
    {
      g_autofree char *line = mlr_diagnostic_format (mlr_diagnostics_get (diags, i));
      g_test_message ("%s", line);
    }
  g_assert_cmpuint (mlr_diagnostics_count (diags), ==, 5);

  d = diagnostic_on_line (diags, 8);
  g_assert_nonnull (d);
  g_assert_cmpstr (d->file, ==, from);
  g_assert_cmpuint (d->column, ==, 6);
  g_assert_cmpint (d->severity, ==, MLR_SEVERITY_ERROR);
  g_assert_cmpstr (d->message, ==, "the link leads to the lesson “evaluating-model”, which "
                   "roadmap.xml does not list; did you mean “evaluating-models”?");
  d = diagnostic_on_line (diags, 9);
  g_assert_nonnull (d);
  g_assert_cmpuint (d->column, ==, 4);
  g_assert_cmpstr (d->message, ==, "the link leads to the section “split” of "
                   "evaluating-models.xml, which has no <section id=\"split\">; did you mean "
                   "“splits”?");
  d = diagnostic_on_line (diags, 10);
  g_assert_nonnull (d);
  g_assert_cmpstr (d->message, ==, "the link leads to the lesson “quantum-baking”, which "
                   "roadmap.xml does not list");
  d = diagnostic_on_line (diags, 11);
  g_assert_nonnull (d);
  g_assert_cmpstr (d->message, ==, "the link leads to the section “zzz” of "
                   "evaluating-models.xml, which has no <section id=\"zzz\"> (its section ids: "
                   "idea, splits, leakage)");
  d = diagnostic_on_line (diags, 12);
  g_assert_nonnull (d);
  g_assert_nonnull (strstr (d->message, "the section “nowhere” of from-here.xml"));

  cmd = g_strdup_printf ("rm -rf '%s'", root);
  g_assert_cmpint (system (cmd), ==, 0);
}

static void
test_roadmap_and_content_check (void)
{
  g_autoptr(MlrDiagnostics) diags = mlr_diagnostics_new ();
  g_autoptr(MlrRoadmap) roadmap = mlr_roadmap_load (fixture_root, diags);
  guint n;

  g_assert_nonnull (roadmap);
  g_assert_cmpuint (roadmap->steps->len, ==, 1);
  g_assert_cmpuint (roadmap->lessons->len, ==, 1);
  g_assert_nonnull (mlr_roadmap_find (roadmap, "all-elements"));
  g_assert_null (mlr_roadmap_find (roadmap, "nope"));

  n = mlr_content_check (fixture_root, diags);
  g_assert_cmpuint (n, ==, 1);
  for (guint i = 0; i < mlr_diagnostics_count (diags); i++)
    g_test_message ("%s", mlr_diagnostics_get (diags, i)->message);
  g_assert_cmpuint (mlr_diagnostics_count (diags), ==, 0);
}

static void
test_shipped_content (void)
{
  const char *dir = g_getenv ("MLR_CONTENT_DIR");
  g_autoptr(MlrDiagnostics) diags = mlr_diagnostics_new ();
  guint n;

  if (dir == NULL)
    {
      g_test_skip ("MLR_CONTENT_DIR is not set");
      return;
    }
  n = mlr_content_check (dir, diags);
  for (guint i = 0; i < mlr_diagnostics_count (diags); i++)
    {
      g_autofree char *line = mlr_diagnostic_format (mlr_diagnostics_get (diags, i));
      g_test_message ("%s", line);
    }
  g_assert_cmpuint (mlr_diagnostics_count (diags), ==, 0);
  g_assert_cmpuint (n, >=, 2);
}

/* The places win.open-lesson opens: a lesson, or a lesson at a section. */
static void
test_roadmap_places (void)
{
  static const char * const bad[] = {
    "", "#2", "Bayes", "bayes#", "bayes#-1", "bayes#x", "bayes#2#3", "bayes#99999999999", NULL
  };
  g_autofree char *plain = mlr_roadmap_place ("bayes-theorem", -1);
  g_autofree char *at = mlr_roadmap_place ("bayes-theorem", 2);
  g_autofree char *id = NULL;
  int section = 7;

  g_assert_cmpstr (plain, ==, "bayes-theorem");
  g_assert_cmpstr (at, ==, "bayes-theorem#2");
  g_assert_true (mlr_roadmap_parse_place (plain, &id, &section));
  g_assert_cmpstr (id, ==, "bayes-theorem");
  g_assert_cmpint (section, ==, -1);
  g_clear_pointer (&id, g_free);
  g_assert_true (mlr_roadmap_parse_place (at, &id, &section));
  g_assert_cmpstr (id, ==, "bayes-theorem");
  g_assert_cmpint (section, ==, 2);
  g_clear_pointer (&id, g_free);
  for (guint i = 0; bad[i]; i++)
    {
      g_assert_false (mlr_roadmap_parse_place (bad[i], &id, &section));
      g_assert_null (id);
    }
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  mlr_demo_registry_init ();
  fixture_root = g_test_build_filename (G_TEST_DIST, "data", "content", NULL);

  g_test_add_func ("/lessons/loader/metadata", test_metadata);
  g_test_add_func ("/lessons/roadmap/places", test_roadmap_places);
  g_test_add_func ("/lessons/loader/inline-markup", test_inline_markup);
  g_test_add_func ("/lessons/loader/blocks", test_blocks);
  g_test_add_func ("/lessons/loader/after-sections", test_after_sections);
  g_test_add_func ("/lessons/loader/glossary-keys", test_glossary_keys);
  g_test_add_func ("/lessons/inline-math/contexts", test_inline_math_contexts);
  g_test_add_func ("/lessons/inline-math/errors", test_inline_math_errors);
  for (guint i = 0; i < G_N_ELEMENTS (error_cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/lessons/errors/%s", error_cases[i].name);
      g_test_add_data_func (path, &error_cases[i], check_error_case);
    }
  g_test_add_func ("/lessons/errors/quiz-rules", test_quiz_rules);
  g_test_add_func ("/lessons/errors/id-must-match-file", test_id_must_match_file);
  g_test_add_func ("/lessons/errors/non-regular-and-huge-files",
                   test_refuses_non_regular_and_huge_files);
  g_test_add_func ("/lessons/errors/deep-nesting", test_deep_nesting);
  g_test_add_func ("/lessons/errors/figure-symlink-escape", test_figure_symlink_escape);
  g_test_add_func ("/lessons/roadmap/fixture", test_roadmap_and_content_check);
  g_test_add_func ("/lessons/loader/lesson-links", test_lesson_links);
  g_test_add_func ("/lessons/content/lesson-link-targets", test_lesson_link_targets);
  g_test_add_func ("/lessons/content/shipped-content-valid", test_shipped_content);
  return g_test_run ();
}
