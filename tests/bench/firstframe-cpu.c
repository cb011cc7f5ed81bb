/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * firstframe-cpu: the team's firstframe tool (../shared/tools/firstframe.c) with one more
 * figure, the process's CPU time when its first frame is drawn (cpu_ms: the on-CPU time of
 * every live thread, from /proc/PID/task/TID/schedstat), which is steadier than the wall clock
 * on a shared machine. Exec a command under an X server, print ms from exec until its first
 * top-level window is mapped (map_ms) and until the first frame is drawn into it (frame_ms);
 * with -r MS, wait MS more and print the process RSS/PSS and its CPU time by then
 * (settled_cpu_ms), then kill it.
 * Build: cc -O2 -o firstframe-cpu firstframe-cpu.c -lX11 -lXdamage (libx11-dev libxdamage-dev)
 * Use:   DISPLAY=:N firstframe-cpu [-r settle_ms] cmd args...  (tests/bench/startup.sh runs it)
 */
#include <dirent.h>
#include <X11/Xlib.h>
#include <X11/extensions/Xdamage.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include <fcntl.h>

/* The on-CPU time of every live thread of @pid so far, in ms (schedstat's first field). */
static double cpu_ms (pid_t pid) {
  char path[96]; double sum = 0; struct dirent *d;
  snprintf (path, sizeof path, "/proc/%d/task", (int) pid);
  DIR *dir = opendir (path); if (!dir) return -1;
  while ((d = readdir (dir))) {
    if (d->d_name[0] == '.') continue;
    char p2[400]; unsigned long long ns = 0;
    snprintf (p2, sizeof p2, "/proc/%d/task/%s/schedstat", (int) pid, d->d_name);
    FILE *f = fopen (p2, "r"); if (!f) continue;
    if (fscanf (f, "%llu", &ns) == 1) sum += ns / 1e6;
    fclose (f);
  }
  closedir (dir); return sum;
}

static double now_ms (void) {
  struct timespec ts; clock_gettime (CLOCK_MONOTONIC, &ts);
  return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}
static long rss_kb (pid_t pid, const char *key) {
  char path[64], line[256]; long v = -1;
  snprintf (path, sizeof path, "/proc/%d/%s", pid, strcmp (key, "Pss:") ? "status" : "smaps_rollup");
  FILE *f = fopen (path, "r"); if (!f) return -1;
  while (fgets (line, sizeof line, f))
    if (!strncmp (line, key, strlen (key))) { v = atol (line + strlen (key)); break; }
  fclose (f); return v;
}

int main (int argc, char **argv) {
  int settle = -1, a = 1;
  if (argc > 2 && !strcmp (argv[1], "-r")) { settle = atoi (argv[2]); a = 3; }
  Display *dpy = XOpenDisplay (NULL);
  if (!dpy) { fprintf (stderr, "no display\n"); return 2; }
  int damage_base, damage_err;
  if (!XDamageQueryExtension (dpy, &damage_base, &damage_err)) { fprintf (stderr, "no DAMAGE\n"); return 2; }
  XSelectInput (dpy, DefaultRootWindow (dpy), SubstructureNotifyMask);
  XSync (dpy, False);
  alarm (20);   /* never hang a CI job */
  double t0 = now_ms ();
  pid_t pid = fork ();
  if (pid == 0) {
    int null = open ("/dev/null", 1); dup2 (null, 1); dup2 (null, 2);
    execvp (argv[a], argv + a); _exit (127);
  }
  for (;;) {
    XEvent ev; XNextEvent (dpy, &ev);
    if (ev.type == MapNotify && !ev.xmap.override_redirect) {
      printf ("map_ms=%.1f", now_ms () - t0);
      fflush (stdout);
      /* first content drawn into the window after map = first frame on screen */
      XDamageCreate (dpy, ev.xmap.window, XDamageReportNonEmpty);  /* events carry the handle */
      break;
    }
  }
  /* DAMAGE #1 = the X server clearing the freshly mapped window; DAMAGE #2 =
   * the app's first frame (matches GdkFrameClock::after-paint within 0.3 ms). */
  int ndamage = 0;
  for (;;) {
    XEvent ev; XNextEvent (dpy, &ev);
    if (ev.type == damage_base + XDamageNotify) {
      if (++ndamage == 2) { printf (" frame_ms=%.1f cpu_ms=%.1f", now_ms () - t0, cpu_ms (pid)); break; }
      XDamageSubtract (dpy, ((XDamageNotifyEvent *) &ev)->damage, None, None);  /* re-arm */
    }
  }
  if (settle >= 0) {
    usleep (settle * 1000);
    /* settled_cpu_ms: the CPU the start-up took in all, work left for after the first frame
     * (figures decoded in a thread, say) included. */
    printf (" rss_kb=%ld pss_kb=%ld settled_cpu_ms=%.1f", rss_kb (pid, "VmRSS:"),
            rss_kb (pid, "Pss:"), cpu_ms (pid));
  }
  printf ("\n");
  kill (pid, SIGTERM); waitpid (pid, NULL, 0);
  XCloseDisplay (dpy);
  return 0;
}
