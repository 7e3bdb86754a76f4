"""The district's review of its schools' portfolios: scoring rubrics and their criteria, reviewers, each
reviewer's review of a portfolio and its scores (domain/kinds/portfolio_review.py), kept in the district only.

Revision ID: 0014
Revises: 0013
"""

import sqlalchemy as sa
from alembic import op

revision = "0014"
down_revision = "0013"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "portfolio_reviewers",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("owner_code", sa.String(length=10), nullable=False),
        sa.Column("version_db", sa.String(length=36), nullable=False),
        sa.Column("version_counter", sa.Integer(), nullable=False),
        sa.Column("version_vector", sa.JSON(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("deleted_at", sa.DateTime(), nullable=True),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("role", sa.String(length=200), nullable=True),
        sa.Column("organisation", sa.String(length=200), nullable=True),
        sa.Column("note", sa.String(length=300), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_portfolio_reviewers")),
    )
    op.create_index("ix_portfolio_reviewers_deleted_at", "portfolio_reviewers", ["deleted_at"], unique=False)
    op.create_index(op.f("ix_portfolio_reviewers_owner_code"), "portfolio_reviewers", ["owner_code"], unique=False)
    op.create_table(
        "review_rubrics",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("owner_code", sa.String(length=10), nullable=False),
        sa.Column("version_db", sa.String(length=36), nullable=False),
        sa.Column("version_counter", sa.Integer(), nullable=False),
        sa.Column("version_vector", sa.JSON(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("deleted_at", sa.DateTime(), nullable=True),
        sa.Column("name", sa.String(length=300), nullable=False),
        sa.Column("academic_year", sa.Integer(), nullable=False),
        sa.Column("level", sa.String(length=20), nullable=False),
        sa.Column("category", sa.String(length=40), nullable=True),
        sa.Column("note", sa.String(length=4000), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_review_rubrics")),
    )
    op.create_index("ix_review_rubrics_deleted_at", "review_rubrics", ["deleted_at"], unique=False)
    op.create_index(op.f("ix_review_rubrics_owner_code"), "review_rubrics", ["owner_code"], unique=False)
    op.create_table(
        "portfolio_reviews",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("owner_code", sa.String(length=10), nullable=False),
        sa.Column("version_db", sa.String(length=36), nullable=False),
        sa.Column("version_counter", sa.Integer(), nullable=False),
        sa.Column("version_vector", sa.JSON(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("deleted_at", sa.DateTime(), nullable=True),
        sa.Column("rubric_id", sa.String(length=36), nullable=False),
        sa.Column("portfolio_id", sa.String(length=36), nullable=False),
        sa.Column("reviewer_id", sa.String(length=36), nullable=False),
        sa.Column("school_code", sa.String(length=10), nullable=False),
        sa.Column("comment", sa.String(length=4000), nullable=True),
        sa.Column("reviewed_on", sa.Date(), nullable=False),
        sa.ForeignKeyConstraint(
            ["portfolio_id"],
            ["portfolios.id"],
            name=op.f("fk_portfolio_reviews_portfolio_id_portfolios"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["reviewer_id"],
            ["portfolio_reviewers.id"],
            name=op.f("fk_portfolio_reviews_reviewer_id_portfolio_reviewers"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["rubric_id"],
            ["review_rubrics.id"],
            name=op.f("fk_portfolio_reviews_rubric_id_review_rubrics"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_portfolio_reviews")),
    )
    op.create_index("ix_portfolio_reviews_deleted_at", "portfolio_reviews", ["deleted_at"], unique=False)
    op.create_index(op.f("ix_portfolio_reviews_owner_code"), "portfolio_reviews", ["owner_code"], unique=False)
    op.create_index(op.f("ix_portfolio_reviews_portfolio_id"), "portfolio_reviews", ["portfolio_id"], unique=False)
    op.create_index(op.f("ix_portfolio_reviews_reviewer_id"), "portfolio_reviews", ["reviewer_id"], unique=False)
    op.create_index(op.f("ix_portfolio_reviews_rubric_id"), "portfolio_reviews", ["rubric_id"], unique=False)
    op.create_index("ix_portfolio_reviews_school_code", "portfolio_reviews", ["school_code"], unique=False)
    op.create_table(
        "rubric_criteria",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("owner_code", sa.String(length=10), nullable=False),
        sa.Column("version_db", sa.String(length=36), nullable=False),
        sa.Column("version_counter", sa.Integer(), nullable=False),
        sa.Column("version_vector", sa.JSON(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("deleted_at", sa.DateTime(), nullable=True),
        sa.Column("rubric_id", sa.String(length=36), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=300), nullable=False),
        sa.Column("weight", sa.Integer(), nullable=False),
        sa.Column("max_score", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["rubric_id"],
            ["review_rubrics.id"],
            name=op.f("fk_rubric_criteria_rubric_id_review_rubrics"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_rubric_criteria")),
    )
    op.create_index("ix_rubric_criteria_deleted_at", "rubric_criteria", ["deleted_at"], unique=False)
    op.create_index(op.f("ix_rubric_criteria_owner_code"), "rubric_criteria", ["owner_code"], unique=False)
    op.create_index(op.f("ix_rubric_criteria_rubric_id"), "rubric_criteria", ["rubric_id"], unique=False)
    op.create_table(
        "review_scores",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("owner_code", sa.String(length=10), nullable=False),
        sa.Column("version_db", sa.String(length=36), nullable=False),
        sa.Column("version_counter", sa.Integer(), nullable=False),
        sa.Column("version_vector", sa.JSON(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("deleted_at", sa.DateTime(), nullable=True),
        sa.Column("review_id", sa.String(length=36), nullable=False),
        sa.Column("criterion_id", sa.String(length=36), nullable=False),
        sa.Column("score", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["criterion_id"],
            ["rubric_criteria.id"],
            name=op.f("fk_review_scores_criterion_id_rubric_criteria"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["review_id"],
            ["portfolio_reviews.id"],
            name=op.f("fk_review_scores_review_id_portfolio_reviews"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_review_scores")),
    )
    op.create_index(op.f("ix_review_scores_criterion_id"), "review_scores", ["criterion_id"], unique=False)
    op.create_index("ix_review_scores_deleted_at", "review_scores", ["deleted_at"], unique=False)
    op.create_index(op.f("ix_review_scores_owner_code"), "review_scores", ["owner_code"], unique=False)
    op.create_index(op.f("ix_review_scores_review_id"), "review_scores", ["review_id"], unique=False)


def downgrade() -> None:
    op.drop_table("review_scores")
    op.drop_table("rubric_criteria")
    op.drop_table("portfolio_reviews")
    op.drop_table("review_rubrics")
    op.drop_table("portfolio_reviewers")
