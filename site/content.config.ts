// Content collections: the statements (MDX per language) and the facts (JSON), each validated by
// the schemas in content/schema.ts, so a wrong fact or front matter fails the build.
import { defineCollection } from 'astro:content';
import { file, glob } from 'astro/loaders';
import {
  complaintBodySchema,
  controllerSchema,
  legalBasisSchema,
  organisationSchema,
  statementPageSchema,
  statementSchema,
} from '../content/schema.ts';

const statements = defineCollection({
  loader: glob({ pattern: '*/*.mdx', base: './content/statements' }),
  schema: statementPageSchema,
});

export const collections = {
  statements,
  controllers: defineCollection({ loader: file('./content/facts/controllers.json'), schema: controllerSchema }),
  complaintBodies: defineCollection({ loader: file('./content/facts/complaint-bodies.json'), schema: complaintBodySchema }),
  legalBases: defineCollection({ loader: file('./content/facts/legal-bases.json'), schema: legalBasisSchema }),
  organisations: defineCollection({ loader: file('./content/facts/organisations.json'), schema: organisationSchema }),
  statementVersions: defineCollection({ loader: file('./content/facts/statements.json'), schema: statementSchema }),
};
