-- The oldest never-tried delivery of each repository, found by walking this index repository by repository: one
-- repository's flood of new deliveries does not keep another's waiting behind it.
CREATE INDEX deliveries_fresh_by_repository ON deliveries (repository, seq) WHERE state = 'pending' AND attempts = 0;
