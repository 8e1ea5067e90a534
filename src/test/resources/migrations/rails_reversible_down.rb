class CreateAuditView < ActiveRecord::Migration[7.1]
  def change
    reversible do |dir|
      dir.up { execute "CREATE VIEW audit AS SELECT id FROM events" }
      dir.down { execute "DROP TABLE audit_backup" }
    end
    remove_column :teams, :legacy_flag
  end
end
