class RequirePlan < ActiveRecord::Migration[7.1]
  def change
    change_column_null :accounts, :plan, false
  end
end
