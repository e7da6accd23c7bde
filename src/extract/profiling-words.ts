import { tokenize } from '../vocabulary.js';

/** Names of what profiling decides about a person: a branch that sets one of these is a decision. */
export const decisionWords = [
  'segment', 'audience', 'campaign', 'price', 'pricing', 'discount', 'offer', 'eligible', 'eligibility', 'tier', 'cohort',
  'targeting', 'target group', 'approve', 'approved', 'approval', 'decline', 'declined', 'reject', 'rejected', 'premium',
  'underwrite', 'underwriting', 'credit limit', 'interest rate', 'persona', 'lookalike', 'shortlist', 'shortlisted',
  'next best', 'loan decision', 'credit decision',
].map((word) => tokenize(word));

/** Names of a list of model inputs: a sensitive name in one is a training or scoring column. */
export const trainingListWords = [
  'feature column', 'feature name', 'feature list', 'feature set', 'feature key', 'training column', 'training feature',
  'model feature', 'model input', 'model column', 'input column', 'input feature', 'predictor', 'x column', 'feature field',
  'scoring feature', 'scoring column', 'segmentation feature', 'segmentation column', 'targeting criterion', 'targeting criteria',
].map((word) => tokenize(word));
