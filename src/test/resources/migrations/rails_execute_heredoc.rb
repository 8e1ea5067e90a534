class DropLegacy < ActiveRecord::Migration[7.1]
  def up
    execute <<~SQL
      -- the old importer is gone
      DROP TABLE legacy_imports;
    SQL
  end
end
