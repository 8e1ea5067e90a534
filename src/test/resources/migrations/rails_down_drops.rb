class AddFlagsToTeams < ActiveRecord::Migration[7.1]
  def up
    add_column :teams, :flags, :jsonb
  end

  def down
    remove_column :teams, :flags if column_exists?(:teams, :flags)
  end
end
