//! The journal's pages and counts off the window's thread: [`JournalWorker`] runs
//! [`Journal`] on a thread with its own connection to the store; the window sends it
//! [`JournalJob`]s and takes the [`JournalNews`] each frame without waiting.
//!
//! A search answers its first page at once, then counts and finds where every page starts
//! in one pass over the index; a newer search stops that pass. Without a thread
//! ([`JournalWorker::inline`]: an in-memory store, or tests that want each frame's answer
//! in the next one) the same jobs run when the window polls.

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::mpsc::{channel, Receiver, Sender};
use std::sync::Arc;

use super::{Cursor, JournalFilter};
use crate::store::{RequestRow, Store, StoreError};

/// Something the worker is asked to do, for the search numbered `generation`.
#[derive(Debug, Clone)]
pub enum JournalJob {
    /// A new search: its first page, then its count.
    Search {
        /// The search's number (newer searches have larger numbers).
        generation: u64,
        /// What to search for.
        filter: JournalFilter,
    },
    /// A page of the search in force.
    Page {
        /// The search it belongs to.
        generation: u64,
        /// The page number.
        page: u64,
    },
}

/// What the worker found.
#[derive(Debug)]
pub enum JournalNews {
    /// A page's rows.
    Page {
        /// The search it belongs to.
        generation: u64,
        /// The page number.
        page: u64,
        /// Its rows, newest first.
        rows: Vec<RequestRow>,
    },
    /// How many rows the search matched (every page can be fetched now).
    Counted {
        /// The search it belongs to.
        generation: u64,
        /// How many rows match.
        total: u64,
    },
    /// The search or a page failed.
    Failed {
        /// The search it belongs to.
        generation: u64,
        /// Why.
        error: StoreError,
    },
}

/// The search in force and the cursor that starts each of its pages.
#[derive(Debug, Default)]
pub struct Journal {
    generation: u64,
    filter: JournalFilter,
    page_rows: u64,
    /// `[i]` starts page `i + 1`.
    anchors: Vec<Cursor>,
}

impl Journal {
    /// A journal paged by `page_rows`.
    pub fn new(page_rows: u64) -> Journal {
        Journal {
            page_rows: page_rows.max(1),
            ..Journal::default()
        }
    }

    /// Starts the search `generation`: forgets the old one's pages.
    pub fn start(&mut self, generation: u64, filter: JournalFilter) {
        self.generation = generation;
        self.filter = filter;
        self.anchors.clear();
    }

    /// Counts the search in force and notes where each page starts; `None` when `stop`
    /// ended the pass.
    pub fn count(
        &mut self,
        store: &Store,
        stop: &dyn Fn() -> bool,
    ) -> Result<Option<u64>, StoreError> {
        Ok(store
            .journal_anchors(&self.filter, self.page_rows, stop)?
            .map(|(total, anchors)| {
                self.anchors = anchors;
                total
            }))
    }

    /// Page `page` of the search in force (an index seek from its cursor); empty when
    /// the page is beyond the last or not counted yet (only the first needs no count).
    pub fn page(&self, store: &Store, page: u64) -> Result<Vec<RequestRow>, StoreError> {
        let after = match page.checked_sub(1) {
            None => None,
            Some(i) => match usize::try_from(i).ok().and_then(|i| self.anchors.get(i)) {
                Some(c) => Some(c),
                None => return Ok(Vec::new()),
            },
        };
        Ok(store
            .journal_page(&self.filter, after, 0, self.page_rows)?
            .rows)
    }

    /// Runs one job on `store`, sending what it finds to `send`. `stop` ends a long
    /// count when a newer search is waiting.
    pub fn run(
        &mut self,
        store: &Store,
        job: JournalJob,
        stop: &dyn Fn() -> bool,
        send: &mut dyn FnMut(JournalNews),
    ) {
        match job {
            JournalJob::Search { generation, filter } => {
                self.start(generation, filter);
                match self.page(store, 0) {
                    Ok(rows) => send(JournalNews::Page {
                        generation,
                        page: 0,
                        rows,
                    }),
                    Err(error) => return send(JournalNews::Failed { generation, error }),
                }
                match self.count(store, stop) {
                    Ok(Some(total)) => send(JournalNews::Counted { generation, total }),
                    Ok(None) => {}
                    Err(error) => send(JournalNews::Failed { generation, error }),
                }
            }
            JournalJob::Page { generation, page } if generation == self.generation => {
                match self.page(store, page) {
                    Ok(rows) => send(JournalNews::Page {
                        generation,
                        page,
                        rows,
                    }),
                    Err(error) => send(JournalNews::Failed { generation, error }),
                }
            }
            // A page of a search that is no longer in force.
            JournalJob::Page { .. } => {}
        }
    }
}

/// The journal's worker: a thread with its own connection, or the same jobs run inline.
pub struct JournalWorker {
    mode: Mode,
}

enum Mode {
    Inline {
        journal: Journal,
        jobs: Vec<JournalJob>,
    },
    Thread {
        jobs: Sender<JournalJob>,
        news: Receiver<JournalNews>,
        /// The newest search sent: the thread stops counting an older one.
        latest: Arc<AtomicU64>,
    },
}

impl std::fmt::Debug for JournalWorker {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let mode = match self.mode {
            Mode::Inline { .. } => "inline",
            Mode::Thread { .. } => "thread",
        };
        f.debug_struct("JournalWorker")
            .field("mode", &mode)
            .finish()
    }
}

impl JournalWorker {
    /// Jobs run on the caller's thread when it polls (with the store it passes).
    pub fn inline(page_rows: u64) -> JournalWorker {
        JournalWorker {
            mode: Mode::Inline {
                journal: Journal::new(page_rows),
                jobs: Vec::new(),
            },
        }
    }

    /// Jobs run on a new thread over `store` (a second connection: [`Store::reopen`]);
    /// `wake` is called after each piece of news (to repaint the window).
    pub fn start(
        store: Store,
        page_rows: u64,
        wake: Option<Arc<dyn Fn() + Send + Sync>>,
    ) -> Result<JournalWorker, StoreError> {
        store.use_search_cache()?;
        let (job_tx, job_rx) = channel::<JournalJob>();
        let (news_tx, news_rx) = channel();
        let latest = Arc::new(AtomicU64::new(0));
        let newest = latest.clone();
        std::thread::Builder::new()
            .name("journal".into())
            .spawn(move || {
                let mut journal = Journal::new(page_rows);
                while let Ok(first) = job_rx.recv() {
                    // Only the newest search and its pages are worth doing.
                    let mut jobs = vec![first];
                    jobs.extend(job_rx.try_iter());
                    let current = newest.load(Ordering::Acquire);
                    for job in jobs {
                        let generation = match &job {
                            JournalJob::Search { generation, .. }
                            | JournalJob::Page { generation, .. } => *generation,
                        };
                        if generation < current {
                            continue;
                        }
                        let stop = || newest.load(Ordering::Acquire) > generation;
                        journal.run(&store, job, &stop, &mut |news| {
                            let _ = news_tx.send(news);
                            if let Some(w) = &wake {
                                w();
                            }
                        });
                    }
                }
            })
            .map_err(|e| StoreError::Io {
                path: store_path_for_error(),
                source: e,
            })?;
        Ok(JournalWorker {
            mode: Mode::Thread {
                jobs: job_tx,
                news: news_rx,
                latest,
            },
        })
    }

    /// Whether the jobs run on a thread of their own.
    pub fn is_threaded(&self) -> bool {
        matches!(self.mode, Mode::Thread { .. })
    }

    /// Asks for `job` (never waits).
    pub fn send(&mut self, job: JournalJob) {
        match &mut self.mode {
            Mode::Inline { jobs, .. } => jobs.push(job),
            Mode::Thread { jobs, latest, .. } => {
                if let JournalJob::Search { generation, .. } = &job {
                    latest.fetch_max(*generation, Ordering::AcqRel);
                }
                // A stopped thread (its store failed to open) answers nothing: the
                // journal keeps its placeholders, as for a slow answer.
                let _ = jobs.send(job);
            }
        }
    }

    /// What was found since the last poll. A thread's news is taken without waiting;
    /// inline, the jobs asked for run now on `store`.
    pub fn poll(&mut self, store: &Store) -> Vec<JournalNews> {
        let mut out = Vec::new();
        match &mut self.mode {
            Mode::Thread { news, .. } => out.extend(news.try_iter()),
            Mode::Inline { journal, jobs } => {
                for job in std::mem::take(jobs) {
                    journal.run(store, job, &|| false, &mut |n| out.push(n));
                }
            }
        }
        out
    }
}

impl Drop for JournalWorker {
    fn drop(&mut self) {
        // Stops a running count; the thread ends when it sees the channel closed.
        if let Mode::Thread { latest, .. } = &self.mode {
            latest.store(u64::MAX, Ordering::Release);
        }
    }
}

fn store_path_for_error() -> std::path::PathBuf {
    std::path::PathBuf::from("journal worker")
}
