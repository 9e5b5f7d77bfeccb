// The components a statement (MDX) may use without importing them; see content/statements/README.md.
import F from './F.astro';
import Org from './Org.astro';
import LegalBasis from './LegalBasis.astro';
import ControllerContact from './ControllerContact.astro';
import ComplaintBodies from './ComplaintBodies.astro';
import StatementLink from './StatementLink.astro';

export const statementComponents = { F, Org, LegalBasis, ControllerContact, ComplaintBodies, StatementLink };
export const STATEMENT_COMPONENT_NAMES = Object.keys(statementComponents);
