// Registers the shared components' words (imported by each component that shows text of its own).
import { addMessages } from '../lib/i18n/index.svelte';
import { messages } from '../lib/i18n/messages/components';

addMessages(messages);
