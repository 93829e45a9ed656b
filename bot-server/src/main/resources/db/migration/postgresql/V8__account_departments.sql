-- An officer works for one department (the departments of config/wenzheng.yaml, by id): the
-- ticket desk then shows and lets them act on that department's tickets only. Empty for other
-- roles, and for officers who may act for every department (the behaviour before this column).
ALTER TABLE accounts ADD COLUMN department VARCHAR(32);
