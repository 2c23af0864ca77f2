import { deliverWithinLimits } from '../../shared/transport/deliver';

/**
 * CallAidan publishes no rate limit. One request a second keeps a bulk run of a thousand contacts
 * under 17 minutes while staying well below what APIs of its kind commonly allow; a 429 is still
 * retried after the wait CallAidan asks for.
 */
export const CALLAIDAN_LIMIT = {
	perMinute: 60,
	why: 'CallAidan publishes no limit: 60 a minute is a cautious default.',
};

export const deliverCallAidanRequest = deliverWithinLimits({
	service: 'CallAidan',
	credentialType: 'callAidanApi',
	secretField: 'apiKey',
	kind: () => 'all',
	requestsPerMinute: () => CALLAIDAN_LIMIT.perMinute,
});
