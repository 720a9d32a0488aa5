-- compatible: yes
-- 0008 (both engines): the language the client reads their share link in (issue 15: the public page is "in the
-- client's language"). Clients have no language of their own, so the trainer picks it with the link; Korean by default.
ALTER TABLE client_share_links ADD COLUMN language TEXT NOT NULL DEFAULT 'ko' CHECK (language IN ('ko', 'en'));
