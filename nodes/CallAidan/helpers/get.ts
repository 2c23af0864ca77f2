import { checkBody } from '../../shared/transport/checkInput';
import { assertUuid } from '../../shared/input/rules';

export const prepareContactGet = checkBody(function contactGet(context) {
	assertUuid(context.getNodeParameter('contactId'), 'Contact ID');
});
