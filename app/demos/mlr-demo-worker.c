/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Work a demo hands to a worker thread: the worker gets the job's data and nothing of GTK;
 * the answer comes back on the UI thread only if the demo still exists (the task holds a weak
 * reference, so closing a lesson with a job in flight frees the demo at once).
 */
#include "config.h"

#include "mlr-demo.h"

typedef struct {
  GWeakRef          demo;
  gpointer          data;
  GDestroyNotify    data_free;
  MlrDemoWorkFunc   work;
  MlrDemoWorkDone   done;
} WorkerJob;

static void
worker_job_free (gpointer p)
{
  WorkerJob *job = p;

  g_weak_ref_clear (&job->demo);
  if (job->data_free != NULL)
    job->data_free (job->data);
  g_free (job);
}

static void
worker_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  WorkerJob *job = task_data;

  job->work (job->data);
  g_task_return_boolean (task, TRUE);
}

static void
worker_done_cb (GObject      *source,
                GAsyncResult *res,
                gpointer      user_data)
{
  WorkerJob *job = g_task_get_task_data (G_TASK (res));
  g_autoptr(MlrDemo) self = g_weak_ref_get (&job->demo);

  g_task_propagate_boolean (G_TASK (res), NULL);
  if (self != NULL && mlr_demo_get_state (self) != NULL)
    job->done (self, job->data);
}

/**
 * mlr_demo_run_in_thread:
 * @data: the job, owned by the call (freed with @data_free after @done, or when the demo is
 *   gone)
 * @work: run on a worker thread with @data; must not touch the demo or GTK
 * @done: run on the UI thread with @data once @work returns, if the demo still exists
 *
 * Runs @work off the UI thread. Keeping one job at a time, and what to do with an answer for
 * parameters that changed meanwhile, are the caller's (see mlr-serving-demo.c).
 */
void
mlr_demo_run_in_thread (MlrDemo         *self,
                        gpointer         data,
                        GDestroyNotify   data_free,
                        MlrDemoWorkFunc  work,
                        MlrDemoWorkDone  done)
{
  g_autoptr(GTask) task = NULL;
  WorkerJob *job;

  g_return_if_fail (MLR_IS_DEMO (self));
  job = g_new0 (WorkerJob, 1);
  g_weak_ref_init (&job->demo, self);
  job->data = data;
  job->data_free = data_free;
  job->work = work;
  job->done = done;
  task = g_task_new (NULL, NULL, worker_done_cb, NULL);
  g_task_set_source_tag (task, mlr_demo_run_in_thread);
  g_task_set_task_data (task, job, worker_job_free);
  g_task_run_in_thread (task, worker_thread);
}
