import type { INodeType } from 'n8n-workflow';

import { deliverRequests } from '../../nodes/shared/transport/deliver';
import { DEFAULT_RETRY_POLICY, type RetryPolicy } from '../../nodes/shared/limiter/retryPolicy';
import type { Vendor } from '../../nodes/shared/vendors';

/**
 * The node's own retry rules with backoffs of milliseconds, not seconds: the same tries, the same
 * Retry-After waits (`maxWaitMs` as shipped), so a test still sees every retry but sleeps little.
 */
export const SHORT_BACKOFFS: RetryPolicy = { ...DEFAULT_RETRY_POLICY, backoffMs: 20 };

/** The node, its delivery rebuilt with `policy`, for its own vendor or the one given. */
export function withRetryPolicy<T extends INodeType>(
	nodeType: T,
	policy: RetryPolicy,
	vendor?: Vendor,
): T {
	const { requestOperations } = nodeType.description;
	const own = (requestOperations?.pagination as unknown as { vendor?: Vendor }).vendor;
	if (!own)
		throw new Error(`${nodeType.description.name} does not deliver through deliverRequests`);
	nodeType.description.requestOperations = {
		...requestOperations,
		pagination: deliverRequests(vendor ?? own, policy),
	};
	return nodeType;
}
