// Triage of failed jobs before analysis (issue 11): `triage` classifies one job from its log and facts (pure);
// `gatherFacts` reads those facts from the Actions API within a request budget.
export {
  MAX_LINE,
  TAIL_LINES,
  triage,
  type TriageFacts,
  type TriageKind,
  type TriageVerdict
} from './classify.js'
export { DEFAULT_FACT_REQUESTS, gatherFacts, type FactsOptions } from './facts.js'
export { triageJobs, type JobToTriage } from './jobs.js'
export { keepTail, TRIAGE_TAIL_BYTES, type Tail } from './tail.js'
