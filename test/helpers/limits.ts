import { Guayaba } from '../../nodes/Guayaba/Guayaba.node';
import { DEFAULT_RETRY_POLICY, type RetryPolicy } from '../../nodes/shared/rateLimit';
import { withRetryPolicy } from './retries';

/** The Guayaba node, its per-minute budgets counted in a compressed window. */
export function guayabaCounting(policy: Partial<RetryPolicy>): Guayaba {
	return withRetryPolicy(new Guayaba(), { ...DEFAULT_RETRY_POLICY, ...policy });
}
